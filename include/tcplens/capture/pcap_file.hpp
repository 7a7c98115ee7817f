// Reading a saved capture (.pcap or .pcapng) through libpcap.
#pragma once
#include <pcap/pcap.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "tcplens/capture/raw_frame.hpp"

namespace tcplens {

// Opening a capture or compiling a filter failed: reported once, at the edge.
class CaptureError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class ReadStatus : std::uint8_t { frame, end, error };

class PcapFile {
 public:
  // Throws CaptureError with a one-line reason (file name not included).
  PcapFile(const std::string& path, bool nano_precision);

  PcapFile(const PcapFile&) = delete;
  PcapFile& operator=(const PcapFile&) = delete;
  ~PcapFile();

  // Compiles a BPF filter; throws CaptureError if it does not compile. Frames
  // that do not match are skipped but still counted, so frame numbers stay
  // those of the file (as in tcpdump -# and Wireshark).
  void set_filter(const std::string& expression);

  // Next frame matching the filter. On error, error() says what went wrong;
  // frames read before it remain valid results.
  ReadStatus next(RawFrame& frame);

  [[nodiscard]] int link_type() const { return pcap_datalink(handle_.get()); }
  [[nodiscard]] std::string link_type_name() const;
  [[nodiscard]] const std::string& error() const { return error_; }
  [[nodiscard]] bool nano() const { return nano_; }

 private:
  struct Closer {
    void operator()(pcap_t* p) const { pcap_close(p); }
  };
  std::unique_ptr<pcap_t, Closer> handle_;
  bpf_program filter_{};
  bool has_filter_ = false;
  std::string error_;
  std::uint64_t frames_ = 0;
  bool nano_ = false;
};

}  // namespace tcplens
