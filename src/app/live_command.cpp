#include "tcplens/app/live_command.hpp"

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <optional>

#include "tcplens/app/output.hpp"
#include "tcplens/app/read_sink.hpp"
#include "tcplens/render/close_out_text.hpp"
#include "tcplens/render/flows_table.hpp"
#include "tcplens/render/visible_text.hpp"

namespace tcplens {

namespace {

std::atomic<PcapLive*> g_capture{nullptr};

extern "C" void on_stop_signal(int) {
  if (PcapLive* c = g_capture.load()) c->stop();
}

void install_stop_handlers(PcapLive& capture) {
  g_capture.store(&capture);
  struct sigaction sa {};
  sa.sa_handler = on_stop_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

// tcpdump -Z: give up root once the device is open.
bool drop_privileges(const std::string& user) {
  const passwd* pw = getpwnam(user.c_str());
  if (pw == nullptr) {
    std::fprintf(stderr, "tcplens: -Z %s: no such user\n", user.c_str());
    return false;
  }
  if (initgroups(pw->pw_name, pw->pw_gid) != 0 || setgid(pw->pw_gid) != 0 || setuid(pw->pw_uid) != 0) {
    std::fprintf(stderr, "tcplens: -Z %s: cannot switch to that user (are you root?)\n", user.c_str());
    return false;
  }
  return true;
}

// A connection leaves the table: its record goes out now, said to be
// closed out unless the capture ended.
void print_record(Output& out, const FlowRecord& f, const ReadOptions& o, Retirement why, double idle) {
  if (o.json) {
    render_flow_json(out.buffer(), f);
    out.buffer().push_back('\n');
  } else if (!o.plain) {
    if (is_close_out(why)) render_close_out(out.buffer(), f.stream, why, idle);
    render_flows_row(out.buffer(), f);
  }
  out.end_record();
}

class LiveRun {
 public:
  explicit LiveRun(const LiveCommandOptions& o) : o_(o), out_(stdout, true) {}

  ExitCode run() {
    std::optional<PcapLive> capture;
    std::optional<PcapWriter> writer;
    // As tcpdump: the device is opened with privileges, -Z drops them, and
    // only then is the -w file opened, as the unprivileged user.
    try {
      capture.emplace(o_.capture);
      if (!o_.output.filter.empty()) capture->set_filter(o_.output.filter);
    } catch (const CaptureError& e) {
      std::fprintf(stderr, "tcplens: %s\n", visible(e.what()).c_str());
      return ExitCode::input;
    }
    if (!o_.drop_to_user.empty() && !drop_privileges(o_.drop_to_user)) return ExitCode::usage;
    try {
      if (!o_.write_file.empty()) writer.emplace(capture->handle(), o_.write_file);
    } catch (const CaptureError& e) {
      std::fprintf(stderr, "tcplens: %s\n", visible(e.what()).c_str());
      return ExitCode::output;
    }
    if (!logs_.open(o_.output.logs, true)) return ExitCode::output;  // as -w: after -Z
    if (!link_type_supported(capture->link_type())) {
      std::fprintf(stderr, "tcplens: %s: unsupported link type %s\n", o_.capture.interface.c_str(),
                   capture->link_type_name().c_str());
      return ExitCode::input;
    }
    std::fprintf(stderr, "tcplens: listening on %s, link-type %s, snapshot length %d bytes\n",
                 o_.capture.interface.c_str(), capture->link_type_name().c_str(), o_.capture.snaplen);
    install_stop_handlers(*capture);
    const bool ok = loop(*capture, writer ? &*writer : nullptr);
    g_capture.store(nullptr);
    finish(*capture);
    if (writer && !writer->flush()) {
      report_input_error(o_.write_file, "writing the capture failed (disk full?)");
      return ExitCode::input;
    }
    if (!logs_ok_) return ExitCode::output;
    return ok ? ExitCode::ok : ExitCode::input;
  }

 private:
  bool loop(PcapLive& capture, PcapWriter* writer) {
    const int dlt = capture.link_type();
    FlowTableOptions flow_options = o_.output.pipeline.table_options();
    flow_options.shapes_unknown = true;
    table_.emplace(flow_options);
    table_->on_retire([this](Connection& c, Retirement why, double idle) {
      const FlowRecord f = make_flow_record(c);  // once, for the output and the logs
      print_record(out_, f, o_.output, why, idle);
      logs_.put(f);
    });
    logs_.begin_capture();
    ReadSink sink(o_.output, out_);
    Pipeline pipeline(o_.output.pipeline, &*table_, sink, stats_);
    RawFrame frame;
    std::uint64_t budget = o_.output.max_packets.value_or(UINT64_MAX);
    const auto start = std::chrono::steady_clock::now();
    while (budget > 0 && out_.ok()) {
      const LiveStatus status = capture.next(frame);
      if (status == LiveStatus::stopped) break;
      if (status == LiveStatus::error) {
        std::fprintf(stderr, "tcplens: %s: %s\n", o_.capture.interface.c_str(), capture.error().c_str());
        return false;
      }
      if (status == LiveStatus::frame) {
        --budget;
        if (writer != nullptr) writer->write(frame);
        pipeline.frame(dlt, frame);
      }
      // What is due leaves by the time of each frame (TCP or not: a TCP
      // packet's own lookup does it too), or of the wall clock when quiet.
      // Cheap when nothing is due, so no need to ration it.
      table_->expire(status == LiveStatus::frame ? frame.ts.seconds() : wall_seconds());
      if (o_.duration &&
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() >= *o_.duration) {
        break;
      }
    }
    return true;
  }

  static double wall_seconds() {
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  }

  void finish(const PcapLive& capture) {
    const std::size_t open = table_->open_count();
    if (open > 0 && !o_.output.json && !o_.output.plain) {
      print(out_.buffer(), FMT_COMPILE("{}{} connection{} still in the table when the capture stopped:\n"),
            kAnnotationMarker, open, open == 1 ? "" : "s");
      render_flows_header(out_.buffer());
      out_.end_record();
    }
    table_->retire_all();
    logs_.end_capture(table_->udp_flows());
    out_.flush();
    logs_ok_ = logs_.close();
    const LiveStats s = capture.stats();
    std::fprintf(stderr, "tcplens: %s: %s\n", o_.capture.interface.c_str(), stats_.summary().c_str());
    std::fprintf(stderr,
                 "tcplens: %llu packets received by filter, %llu dropped by kernel, %llu dropped by interface\n",
                 static_cast<unsigned long long>(s.received), static_cast<unsigned long long>(s.dropped),
                 static_cast<unsigned long long>(s.dropped_by_interface));
  }

  const LiveCommandOptions& o_;
  Output out_;
  FlowLogs logs_;
  bool logs_ok_ = true;
  std::optional<FlowTable> table_;
  CaptureStats stats_;
};

}  // namespace

ExitCode run_live(const LiveCommandOptions& options) {
  if (options.list_interfaces) {
    try {
      for (const auto& line : list_interfaces()) print_line(visible(line));
    } catch (const CaptureError& e) {
      std::fprintf(stderr, "tcplens: cannot list interfaces: %s\n", e.what());
      return ExitCode::input;
    }
    return ExitCode::ok;
  }
  if (options.capture.interface.empty()) {
    std::fprintf(stderr, "tcplens: live needs an interface: -i IFACE (tcplens live -D lists them)\n");
    return ExitCode::usage;
  }
  return LiveRun(options).run();
}

}  // namespace tcplens
