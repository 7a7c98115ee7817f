// Capturing from a network interface through libpcap.
#pragma once
#include <pcap/pcap.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "tcplens/capture/pcap_file.hpp"

namespace tcplens {

struct LiveOptions {
  std::string interface;
  int snaplen = 262144;
  bool promiscuous = true;
  int buffer_kib = 0;  // 0: libpcap's default
  bool nano = false;
};

struct LiveStats {
  std::uint64_t received = 0;
  std::uint64_t dropped = 0;  // by the kernel: no room in the buffer
  std::uint64_t dropped_by_interface = 0;
};

enum class LiveStatus : std::uint8_t { frame, timeout, stopped, error };

class PcapLive {
 public:
  // Throws CaptureError with a message that says what is needed (root or
  // CAP_NET_RAW/CAP_NET_ADMIN, an existing interface ...).
  explicit PcapLive(const LiveOptions& options);
  PcapLive(const PcapLive&) = delete;
  PcapLive& operator=(const PcapLive&) = delete;
  ~PcapLive();

  void set_filter(const std::string& expression);
  // Waits at most ~100 ms for a frame.
  LiveStatus next(RawFrame& frame);
  // Safe from a signal handler: makes next() return `stopped`.
  void stop() {
    stop_requested_.store(true);
    pcap_breakloop(handle_.get());
  }
  [[nodiscard]] LiveStats stats() const;
  [[nodiscard]] int link_type() const { return pcap_datalink(handle_.get()); }
  [[nodiscard]] std::string link_type_name() const;
  [[nodiscard]] pcap_t* handle() const { return handle_.get(); }
  [[nodiscard]] const std::string& error() const { return error_; }

 private:
  struct Closer {
    void operator()(pcap_t* p) const { pcap_close(p); }
  };
  std::unique_ptr<pcap_t, Closer> handle_;
  std::uint64_t frames_ = 0;
  bool nano_ = false;
  int fd_ = -1;
  std::atomic<bool> stop_requested_{false};
  std::string error_;
};

// One line per interface, as tcpdump -D prints them.
std::vector<std::string> list_interfaces();

// Appends raw frames to a pcap file (tcplens live -w), flushing as it goes.
class PcapWriter {
 public:
  PcapWriter(pcap_t* source, const std::string& path);
  PcapWriter(const PcapWriter&) = delete;
  PcapWriter& operator=(const PcapWriter&) = delete;
  ~PcapWriter();
  void write(const RawFrame& frame);
  // False once a write or flush failed (a full disk): the caller reports it.
  [[nodiscard]] bool flush();

 private:
  pcap_dumper_t* dumper_ = nullptr;
};

}  // namespace tcplens
