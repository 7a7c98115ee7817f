// Fuzz target: a whole capture file (pcap or pcapng bytes) through libpcap,
// the decoders, the flow table, the state machines and every renderer.
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <string>

#include "tcplens/app/capture_run.hpp"
#include "tcplens/render/annotation_text.hpp"
#include "tcplens/render/flows_table.hpp"
#include "tcplens/render/record_json.hpp"
#include "tcplens/render/tcpdump_line.hpp"
#include "tcplens/render/timestamp_text.hpp"

namespace {

using namespace tcplens;

class RenderEverything final : public PacketSink {
 public:
  void on_tcp(const DecodedPacket& pkt, const PacketReport* report, const Connection* conn) override {
    TextBuffer out;
    render_timestamp(out, TimestampStyle::since_previous, pkt.frame->ts, clock_);
    render_tcpdump_line(out, pkt, ShownNumbers{pkt.tcp.seq, pkt.tcp.ack, 0});
    if (report != nullptr && conn != nullptr) {
      const EndpointNames names{endpoint_text(conn->orig().address, conn->orig().port),
                                endpoint_text(conn->resp().address, conn->resp().port)};
      render_annotation_line(out, *report, names, TextStyle{true});
      render_packet_json(out, *report, pkt.frame->ts);
    }
  }
  void after_frame(const RawFrame& f) override { advance_reference(clock_, f.ts); }

 private:
  TimestampReference clock_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const int fd = memfd_create("capture", 0);
  if (fd < 0) return 0;
  if (write(fd, data, size) != static_cast<ssize_t>(size)) {
    close(fd);
    return 0;
  }
  CaptureRunOptions run;
  run.path = "/proc/self/fd/" + std::to_string(fd);
  FlowTable table;
  TextBuffer out;
  table.on_retire([&](Connection& c, Retirement, double) {
    const FlowRecord f = make_flow_record(c);
    render_flow_json(out, f);
    render_flows_row(out, f);
  });
  RenderEverything sink;
  std::FILE* devnull = std::fopen("/dev/null", "w");
  std::FILE* saved = stderr;
  stderr = devnull;  // input errors are expected here
  run_capture(run, &table, sink);
  stderr = saved;
  std::fclose(devnull);
  table.retire_all();
  close(fd);
  return 0;
}
