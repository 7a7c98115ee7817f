#include "tcplens/capture/pcap_file.hpp"

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace tcplens {

namespace {

// Recognises files libpcap cannot read so the message says what to do.
std::string describe_unreadable(const std::string& path) {
  if (path == "-") return {};
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) return "no such file";
  if (std::filesystem::is_directory(status)) return "is a directory, not a capture file";
  // Only regular files can be sniffed without consuming what a FIFO delivers.
  if (!std::filesystem::is_regular_file(status)) return {};
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::strerror(errno);
  std::array<unsigned char, 4> magic{};
  in.read(reinterpret_cast<char*>(magic.data()), magic.size());
  if (in.gcount() >= 2 && magic[0] == 0x1f && magic[1] == 0x8b) {
    return "is gzip-compressed; decompress it first (zcat FILE | tcplens read -)";
  }
  if (in.gcount() == 4 && magic[0] == 0x28 && magic[1] == 0xb5 && magic[2] == 0x2f && magic[3] == 0xfd) {
    return "is zstd-compressed; decompress it first (zstdcat FILE | tcplens read -)";
  }
  if (in.gcount() >= 2 && magic[0] == 'B' && magic[1] == 'Z') {
    return "is bzip2-compressed; decompress it first (bzcat FILE | tcplens read -)";
  }
  if (in.gcount() >= 4 && magic[0] == 0xfd && magic[1] == '7' && magic[2] == 'z' && magic[3] == 'X') {
    return "is xz-compressed; decompress it first (xzcat FILE | tcplens read -)";
  }
  return {};
}

}  // namespace

PcapFile::PcapFile(const std::string& path, bool nano_precision) : nano_(nano_precision) {
  if (auto reason = describe_unreadable(path); !reason.empty()) throw CaptureError(reason);
  char errbuf[PCAP_ERRBUF_SIZE] = {};
  const auto precision = nano_precision ? PCAP_TSTAMP_PRECISION_NANO : PCAP_TSTAMP_PRECISION_MICRO;
  pcap_t* p = pcap_open_offline_with_tstamp_precision(path.c_str(), precision, errbuf);
  if (p == nullptr) {
    std::string msg = errbuf;
    if (msg.find("unknown file format") != std::string::npos)
      msg = "not a pcap or pcapng capture (unknown file format)";
    throw CaptureError(msg);
  }
  handle_.reset(p);
}

PcapFile::~PcapFile() {
  if (has_filter_) pcap_freecode(&filter_);
}

void PcapFile::set_filter(const std::string& expression) {
  if (has_filter_) pcap_freecode(&filter_);
  has_filter_ = false;
  if (pcap_compile(handle_.get(), &filter_, expression.c_str(), 1, PCAP_NETMASK_UNKNOWN) != 0) {
    throw CaptureError("bad filter expression '" + expression + "': " + std::string(pcap_geterr(handle_.get())));
  }
  has_filter_ = true;
}

ReadStatus PcapFile::next(RawFrame& frame) {
  pcap_pkthdr* header = nullptr;
  const u_char* data = nullptr;
  int rc = 0;
  do {
    rc = pcap_next_ex(handle_.get(), &header, &data);
    if (rc == 1) ++frames_;
  } while (rc == 1 && has_filter_ && pcap_offline_filter(&filter_, header, data) == 0);
  if (rc == 1) {
    frame.number = frames_;
    frame.ts = Timestamp{header->ts.tv_sec, header->ts.tv_usec, nano_};
    frame.caplen = header->caplen;
    frame.wirelen = header->len;
    frame.data = Bytes(data, header->caplen);
    return ReadStatus::frame;
  }
  if (rc == PCAP_ERROR_BREAK) return ReadStatus::end;
  error_ = pcap_geterr(handle_.get());
  return ReadStatus::error;
}

std::string PcapFile::link_type_name() const {
  const int dlt = link_type();
  const char* name = pcap_datalink_val_to_name(dlt);
  return name != nullptr ? name : "DLT " + std::to_string(dlt);
}

}  // namespace tcplens
