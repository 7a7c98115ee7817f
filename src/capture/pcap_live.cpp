#include "tcplens/capture/pcap_live.hpp"

#include <fmt/format.h>
#include <poll.h>

#include <cstring>

namespace tcplens {

namespace {

std::string activation_error(pcap_t* p, int rc, const std::string& iface) {
  switch (rc) {
    case PCAP_ERROR_PERM_DENIED:
      return fmt::format(
          "{}: permission denied: capturing needs root or the CAP_NET_RAW and CAP_NET_ADMIN "
          "capabilities (sudo setcap cap_net_raw,cap_net_admin=eip build/tcplens)",
          iface);
    case PCAP_ERROR_NO_SUCH_DEVICE:
      return fmt::format("{}: no such interface (tcplens live -D lists them)", iface);
    case PCAP_ERROR_IFACE_NOT_UP:
      return fmt::format("{}: the interface is down", iface);
    case PCAP_ERROR_PROMISC_PERM_DENIED:
      return fmt::format("{}: no permission for promiscuous mode (try -p)", iface);
    default:
      return fmt::format("{}: {}", iface, pcap_geterr(p));
  }
}

}  // namespace

PcapLive::PcapLive(const LiveOptions& o) : nano_(o.nano) {
  char errbuf[PCAP_ERRBUF_SIZE] = {};
  pcap_t* p = pcap_create(o.interface.c_str(), errbuf);
  if (p == nullptr) throw CaptureError(fmt::format("{}: {}", o.interface, errbuf));
  handle_.reset(p);
  pcap_set_snaplen(p, o.snaplen);
  pcap_set_promisc(p, o.promiscuous ? 1 : 0);
  pcap_set_immediate_mode(p, 1);  // deliver each packet at once: output streams
  pcap_set_timeout(p, 100);
  if (o.buffer_kib > 0) pcap_set_buffer_size(p, o.buffer_kib * 1024);
  if (o.nano) pcap_set_tstamp_precision(p, PCAP_TSTAMP_PRECISION_NANO);
  const int rc = pcap_activate(p);
  if (rc < 0) throw CaptureError(activation_error(p, rc, o.interface));
  if (o.nano && pcap_get_tstamp_precision(p) != PCAP_TSTAMP_PRECISION_NANO) nano_ = false;
  // Non-blocking reads plus poll(): libpcap ignores the read timeout in
  // immediate mode, and the loop must wake up for --duration and expiry.
  if (pcap_setnonblock(p, 1, errbuf) != 0) throw CaptureError(fmt::format("{}: {}", o.interface, errbuf));
  fd_ = pcap_get_selectable_fd(p);
}

PcapLive::~PcapLive() = default;

void PcapLive::set_filter(const std::string& expression) {
  bpf_program program{};
  if (pcap_compile(handle_.get(), &program, expression.c_str(), 1, PCAP_NETMASK_UNKNOWN) != 0) {
    throw CaptureError("bad filter expression '" + expression + "': " + pcap_geterr(handle_.get()));
  }
  const int rc = pcap_setfilter(handle_.get(), &program);
  pcap_freecode(&program);
  if (rc != 0) throw CaptureError(std::string("cannot install the filter: ") + pcap_geterr(handle_.get()));
}

LiveStatus PcapLive::next(RawFrame& frame) {
  if (stop_requested_.load()) return LiveStatus::stopped;
  pcap_pkthdr* header = nullptr;
  const u_char* data = nullptr;
  int rc = pcap_next_ex(handle_.get(), &header, &data);
  if (rc == 0 && fd_ >= 0) {
    pollfd pfd{fd_, POLLIN, 0};
    poll(&pfd, 1, 100);
    if (stop_requested_.load()) return LiveStatus::stopped;
    rc = pcap_next_ex(handle_.get(), &header, &data);
  }
  if (rc == 0) return LiveStatus::timeout;
  if (rc == PCAP_ERROR_BREAK) return LiveStatus::stopped;
  if (rc < 0) {
    error_ = pcap_geterr(handle_.get());
    return LiveStatus::error;
  }
  frame.number = ++frames_;
  frame.ts = Timestamp{header->ts.tv_sec, header->ts.tv_usec, nano_};
  frame.caplen = header->caplen;
  frame.wirelen = header->len;
  frame.data = Bytes(data, header->caplen);
  return LiveStatus::frame;
}

LiveStats PcapLive::stats() const {
  pcap_stat s{};
  if (pcap_stats(handle_.get(), &s) != 0) return {};
  return {s.ps_recv, s.ps_drop, s.ps_ifdrop};
}

std::string PcapLive::link_type_name() const {
  const char* name = pcap_datalink_val_to_name(link_type());
  return name != nullptr ? name : std::to_string(link_type());
}

std::vector<std::string> list_interfaces() {
  char errbuf[PCAP_ERRBUF_SIZE] = {};
  pcap_if_t* all = nullptr;
  if (pcap_findalldevs(&all, errbuf) != 0) throw CaptureError(errbuf);
  std::vector<std::string> lines;
  int n = 0;
  for (pcap_if_t* d = all; d != nullptr; d = d->next) {
    std::string flags;
    auto add = [&](bool on, const char* word) {
      if (on) flags += (flags.empty() ? "" : ", ") + std::string(word);
    };
    add((d->flags & PCAP_IF_UP) != 0, "Up");
    add((d->flags & PCAP_IF_RUNNING) != 0, "Running");
    add((d->flags & PCAP_IF_WIRELESS) != 0, "Wireless");
    add((d->flags & PCAP_IF_LOOPBACK) != 0, "Loopback");
    const auto status = d->flags & PCAP_IF_CONNECTION_STATUS;
    if ((d->flags & PCAP_IF_LOOPBACK) == 0) {
      if (status == PCAP_IF_CONNECTION_STATUS_CONNECTED)
        add(true, "Connected");
      else if (status == PCAP_IF_CONNECTION_STATUS_DISCONNECTED)
        add(true, "Disconnected");
      else if (status == PCAP_IF_CONNECTION_STATUS_NOT_APPLICABLE)
        add(true, "Not applicable");
    }
    std::string line = fmt::format("{}.{}", ++n, d->name);
    if (d->description != nullptr) line += fmt::format(" ({})", d->description);
    line += fmt::format(" [{}]", flags);
    lines.push_back(line);
  }
  pcap_freealldevs(all);
  return lines;
}

PcapWriter::PcapWriter(pcap_t* source, const std::string& path) {
  dumper_ = pcap_dump_open(source, path.c_str());
  if (dumper_ == nullptr) throw CaptureError(fmt::format("{}: {}", path, pcap_geterr(source)));
}

PcapWriter::~PcapWriter() {
  if (dumper_ != nullptr) pcap_dump_close(dumper_);
}

void PcapWriter::write(const RawFrame& frame) {
  pcap_pkthdr h{};
  h.ts.tv_sec = static_cast<time_t>(frame.ts.sec);
  h.ts.tv_usec = static_cast<suseconds_t>(frame.ts.frac);
  h.caplen = frame.caplen;
  h.len = frame.wirelen;
  pcap_dump(reinterpret_cast<u_char*>(dumper_), &h, frame.data.data());
}

bool PcapWriter::flush() { return pcap_dump_flush(dumper_) == 0 && !std::ferror(pcap_dump_file(dumper_)); }

}  // namespace tcplens
