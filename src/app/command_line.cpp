// Command-line edge: every subcommand and option, checked before anything
// runs. Exceptions (CLI11's) stop here; main() maps outcomes to exit codes.
#include "tcplens/app/command_line.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "tcplens/analysis/application.hpp"
#include "tcplens/analysis/length_prefix_framing.hpp"
#include "tcplens/app/check_command.hpp"
#include "tcplens/app/follow_command.hpp"
#include "tcplens/app/live_command.hpp"
#include "tcplens/app/mistyped_command.hpp"
#include "tcplens/app/read_command.hpp"
#include "tcplens/app/summary_commands.hpp"
#include "tcplens/flow/flow_table.hpp"
#include "tcplens/render/flow_writer.hpp"
#include "tcplens/render/visible_text.hpp"

namespace tcplens {

bool parse_unsigned(const std::string& text, std::uint64_t min, std::uint64_t max, std::uint64_t& value) {
  if (text.empty() || text.size() > 20) return false;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
  }
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size() && value >= min && value <= max;
}

namespace {

constexpr std::uint64_t kMaxSnaplen = 262144;        // tcpdump's MAXIMUM_SNAPLEN
constexpr std::uint64_t kMaxBufferKib = 2097151;     // -B KiB * 1024 must fit libpcap's int
constexpr std::uint64_t kMaxConnections = 1u << 31;  // slots are 32-bit

// A whole number in [min, max], as typed: no sign, no exponent, no wrap.
CLI::Validator whole_number(std::uint64_t min, std::uint64_t max) {
  return CLI::Validator(
      [min, max](std::string& v) {
        std::uint64_t n = 0;
        if (parse_unsigned(v, min, max, n)) return std::string();
        return fmt::format("'{}' is not a whole number from {} to {}", v, min, max);
      },
      "UINT");
}

// Seconds: a finite number >= 0 ("nan", "inf", "-1" are errors).
CLI::Validator seconds_value() {
  return CLI::Validator(
      [](std::string& v) {
        char* end = nullptr;
        const double d = v.empty() ? -1 : std::strtod(v.c_str(), &end);
        if (end != nullptr && *end == '\0' && std::isfinite(d) && d >= 0) return std::string();
        return fmt::format("'{}' is not a number of seconds (finite, 0 or more)", v);
      },
      "SECONDS");
}

constexpr const char* kVersion = "tcplens 0.1.0";

// Leading arguments that name captures are files; the rest is a BPF filter,
// as in `tcplens read f.pcap tcp port 8080`. The first argument is always a
// file (so a missing file is reported as such, not as a bad filter).
void split_files_and_filter(const std::vector<std::string>& args, ReadOptions& options) {
  std::size_t i = 0;
  for (; i < args.size(); ++i) {
    std::error_code ec;
    const bool names_file = args[i] == "-" || std::filesystem::exists(args[i], ec);
    if (i > 0 && !names_file) break;
    options.files.push_back(args[i]);
  }
  std::string filter;
  for (; i < args.size(); ++i) filter += (filter.empty() ? "" : " ") + args[i];
  if (filter.empty()) return;
  options.filter = options.filter.empty() ? filter : "(" + options.filter + ") and (" + filter + ")";
}

struct ReadArgs {
  ReadOptions options;
  std::vector<std::string> positional;
  std::vector<std::string> read_files;
  int t_count = 0;
  std::string precision = "micro";
  std::uint64_t count = 0;
  bool numeric = true;
  std::string color = "auto";
  std::string format = "text";
};

// --format text|json on the commands that print packets (read, live,
// timeline); flows takes the flow formats, and --log writes those beside.
void add_packet_format_option(CLI::App* cmd, std::string& format) {
  cmd->add_option("--format", format, "text or json (--json); flow-record formats: --log FORMAT=FILE")
      ->check(CLI::IsMember({"text", "json"}));
}

void add_read_command(CLI::App& app, ReadArgs& a) {
  auto* read = app.add_subcommand("read", "Print tcpdump-identical lines for each TCP packet, annotated");
  read->add_option("args", a.positional, "FILE... [BPF filter expression]");
  read->add_option("-r", a.read_files, "Capture file to read (repeatable), as in tcpdump");
  read->add_option("--filter", a.options.filter, "BPF filter expression");
  read->add_flag("-t", a.t_count, "Timestamp style: -t none, -tt epoch, -ttt delta, -tttt date, -ttttt since first");
  read->add_flag("-S,--absolute-tcp-sequence-numbers", a.options.absolute_seq, "Print absolute seq/ack numbers");
  read->add_flag("-n", a.numeric, "Numeric output (always on; accepted for tcpdump compatibility)");
  read->add_flag("--nano", a.options.nano, "Nanosecond timestamps (as tcpdump --nano)");
  read->add_option("--time-stamp-precision", a.precision, "micro or nano")->check(CLI::IsMember({"micro", "nano"}));
  read->add_option("-c", a.count, "Stop after N packets")->check(whole_number(1, UINT64_MAX));
  read->add_flag("--plain", a.options.plain, "Exactly tcpdump's TCP lines: no annotations, no summary");
  read->add_flag("--json", a.options.json, "NDJSON: a record per packet, then one per connection");
  add_packet_format_option(read, a.format);
  read->add_option("--color", a.color, "Colour annotations: auto, always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
}

ExitCode finish_read(ReadArgs& a) {
  if (a.read_files.empty()) {
    split_files_and_filter(a.positional, a.options);
  } else {
    a.options.files = a.read_files;
    std::string filter;
    for (const auto& word : a.positional) filter += (filter.empty() ? "" : " ") + word;
    if (!filter.empty()) {
      a.options.filter = a.options.filter.empty() ? filter : "(" + a.options.filter + ") and (" + filter + ")";
    }
  }
  if (a.options.files.empty()) {
    std::fprintf(stderr, "tcplens: no capture file given (tcplens read FILE [filter])\n");
    return ExitCode::usage;
  }
  a.options.timestamps = timestamp_style_from_count(a.t_count);
  if (a.precision == "nano") a.options.nano = true;
  if (a.count > 0) a.options.max_packets = a.count;
  a.options.quiet_summary = a.options.plain;
  if (a.format == "json") a.options.json = true;
  a.options.color = !a.options.plain && !a.options.json && use_color(a.color);
  return run_read(a.options);
}

struct SummaryArgs {
  SummaryOptions options;
  std::vector<std::string> positional;
  std::string color = "auto";
};

void add_summary_command(CLI::App& app, const std::string& name, const std::string& about, SummaryArgs& a) {
  auto* cmd = app.add_subcommand(name, about);
  cmd->add_option("args", a.positional, "FILE... [BPF filter expression]");
  cmd->add_flag("--json", a.options.json, "NDJSON records");
  cmd->add_flag("--nano", a.options.nano, "Nanosecond timestamps");
  cmd->add_option("--color", a.color, "auto, always, never")->check(CLI::IsMember({"auto", "always", "never"}));
}

// The files and filter of a command's positional arguments; false (after
// saying so, with the usage) when no file is given.
bool take_files_and_filter(const std::vector<std::string>& positional, std::vector<std::string>& files,
                           std::string& filter, const char* usage) {
  ReadOptions split;
  split_files_and_filter(positional, split);
  files = split.files;
  filter = split.filter;
  if (!files.empty()) return true;
  std::fprintf(stderr, "tcplens: no capture file given%s\n", usage);
  return false;
}

ExitCode finish_summary(SummaryArgs& a, ExitCode (*run)(const SummaryOptions&)) {
  if (!take_files_and_filter(a.positional, a.options.files, a.options.filter, "")) return ExitCode::usage;
  if (a.options.json) a.options.format = "json";
  a.options.json = a.options.format == "json";
  a.options.color = !a.options.json && use_color(a.color);
  return run(a.options);
}

struct LiveArgs {
  LiveCommandOptions options;
  std::vector<std::string> filter_words;
  int t_count = 0;
  std::uint64_t count = 0;
  double duration = 0;
  std::string color = "auto";
  bool no_promisc = false;
  std::string format = "text";
};

void add_live_command(CLI::App& app, LiveArgs& a) {
  auto* live = app.add_subcommand("live", "Capture from an interface and stream the annotated output");
  live->add_option("filter", a.filter_words, "BPF filter expression");
  live->add_option("-i,--interface", a.options.capture.interface, "Interface to capture on");
  live->add_flag("-D,--list-interfaces", a.options.list_interfaces, "List interfaces, as tcpdump -D");
  live->add_option("-s,--snapshot-length", a.options.capture.snaplen,
                   "Bytes to capture per packet (262144; 0: the same, as in tcpdump)")
      ->check(whole_number(0, kMaxSnaplen));
  live->add_flag("-p,--no-promiscuous-mode", a.no_promisc, "Do not put the interface into promiscuous mode");
  live->add_option("-B,--buffer-size", a.options.capture.buffer_kib, "Kernel buffer size in KiB (at most 2 GiB)")
      ->check(whole_number(1, kMaxBufferKib));
  live->add_option("-w", a.options.write_file, "Also write the raw packets to a pcap file");
  live->add_option("-c", a.count, "Stop after N packets")->check(whole_number(1, UINT64_MAX));
  live->add_option("--duration", a.duration, "Stop after SECONDS")->check(seconds_value());
  live->add_option("-Z", a.options.drop_to_user, "Drop privileges to USER once the device is open");
  live->add_flag("-t", a.t_count, "Timestamp style, as in read");
  live->add_flag("-S", a.options.output.absolute_seq, "Absolute sequence numbers");
  live->add_flag("--nano", a.options.capture.nano, "Nanosecond timestamps");
  live->add_flag("--plain", a.options.output.plain, "Only tcpdump's lines");
  live->add_flag("--json", a.options.output.json, "NDJSON packet records, flow records as connections end");
  add_packet_format_option(live, a.format);
  live->add_option("--color", a.color, "auto, always, never")->check(CLI::IsMember({"auto", "always", "never"}));
}

ExitCode finish_live(LiveArgs& a) {
  for (const auto& w : a.filter_words) a.options.output.filter += (a.options.output.filter.empty() ? "" : " ") + w;
  a.options.capture.promiscuous = !a.no_promisc;
  a.options.output.timestamps = timestamp_style_from_count(a.t_count);
  a.options.output.nano = a.options.capture.nano;
  if (a.count > 0) a.options.output.max_packets = a.count;
  if (a.duration > 0) a.options.duration = a.duration;
  if (a.options.capture.snaplen == 0) a.options.capture.snaplen = kMaxSnaplen;
  if (a.format == "json") a.options.output.json = true;
  a.options.output.color = !a.options.output.plain && !a.options.output.json && use_color(a.color);
  return run_live(a.options);
}

// Tracking bounds and analyzers, accepted by every command that tracks
// connections: they make the run's PipelineConfig.
const TrackingLimits kDefaultLimits{};
struct BufferArgs {
  std::size_t memory_mib = kDefaultLimits.reassembly_memory >> 20;
  std::size_t per_direction_kib = kDefaultLimits.reassembly_limits.per_direction >> 10;
  double idle_timeout = kDefaultLimits.idle_timeout;
  double time_wait = kDefaultLimits.time_wait_seconds;
  std::size_t max_connections = kDefaultLimits.max_connections;
  std::size_t fragment_memory_kib = kDefaultLimits.fragments.max_bytes >> 10;
  double fragment_timeout = kDefaultLimits.fragments.timeout_seconds;
  std::string framing;
};

void add_buffer_options(CLI::App* cmd, BufferArgs& a) {
  cmd->add_option("--reassembly-memory", a.memory_mib,
                  "MiB of out-of-order data buffered over all connections (256); past it a gap is given up")
      ->check(CLI::Range(1, 1 << 20));
  cmd->add_option("--reassembly-window", a.per_direction_kib,
                  "KiB of out-of-order data buffered per direction of a connection (4096)")
      ->check(CLI::Range(1, 1 << 22));
  cmd->add_option("--idle-timeout", a.idle_timeout,
                  "Close out a connection silent this long, by capture time (300 s; 0: never)")
      ->check(seconds_value());
  cmd->add_option("--time-wait", a.time_wait, "Keep a finished connection this long, by capture time (60 s, 2*MSL)")
      ->check(seconds_value());
  cmd->add_option("--max-connections", a.max_connections,
                  "Connections kept at once; past it the longest idle is closed out (1000000; 0: no cap)")
      ->check(whole_number(0, kMaxConnections));
  cmd->add_option("--ip-fragment-memory", a.fragment_memory_kib,
                  "KiB of IP fragments held for their datagrams, all together (4096; 0: no IP reassembly)")
      ->check(CLI::Range(0, 1 << 22));
  cmd->add_option("--ip-fragment-timeout", a.fragment_timeout,
                  "Give up on a datagram whose fragments have not all come this long after its first (30 s)")
      ->check(seconds_value());
  cmd->add_option("--framing", a.framing, "Show length-prefixed messages: lenprefix:2|4[:be|le]")
      ->check([](const std::string& v) {
        return parse_framing(v) ? std::string() : std::string("expected lenprefix:2|4[:be|le]");
      });
}

PipelineConfig pipeline_config(const BufferArgs& a) {
  PipelineConfig c;
  c.tracking.reassembly_memory = a.memory_mib << 20;
  c.tracking.reassembly_limits.per_direction = a.per_direction_kib << 10;
  c.tracking.idle_timeout = a.idle_timeout;
  c.tracking.time_wait_seconds = a.time_wait;
  c.tracking.max_connections = a.max_connections;
  c.tracking.fragments.max_bytes = a.fragment_memory_kib << 10;
  c.tracking.fragments.timeout_seconds = a.fragment_timeout;
  if (!a.framing.empty()) c.analyzers.framing = parse_framing(a.framing);
  return c;
}

// --log FORMAT=FILE (repeatable): flow records to files beside the output.
void add_log_option(CLI::App* cmd, std::vector<std::string>& specs) {
  cmd->add_option("--log", specs,
                  "Also write each connection's flow record to FILE in FORMAT (" + flow_format_names() +
                      "), as connections close; repeatable: --log zeek=conn.log --log csv=flows.csv")
      ->allow_extra_args(false)  // one FORMAT=FILE per --log: the capture files follow
      ->check([](const std::string& v) {
        return parse_flow_log(v) ? std::string() : "expected FORMAT=FILE with FORMAT one of " + flow_format_names();
      });
}

std::vector<FlowLogSpec> flow_log_specs(const std::vector<std::string>& texts) {
  std::vector<FlowLogSpec> specs;
  for (const auto& t : texts) specs.push_back(*parse_flow_log(t));  // checked by the option
  return specs;
}

struct FollowArgs {
  FollowOptions options;
  std::vector<std::string> positional;
  std::uint64_t stream = 0;
  CLI::Option* stream_given = nullptr;
  std::string side = "both";
  std::string format = "text";
};

void add_follow_command(CLI::App& app, FollowArgs& a) {
  auto* follow = app.add_subcommand("follow", "The reassembled conversation of a connection (Follow TCP Stream)");
  follow->add_option("args", a.positional, "FILE... [BPF filter expression]");
  a.stream_given =
      follow->add_option("--stream", a.stream, "Stream number (as in flows and Wireshark's tcp.stream); all if absent")
          ->check(whole_number(0, UINT64_MAX));
  follow
      ->add_option("--max-output", a.options.max_output,
                   "With -o: stop writing when the files would pass SIZE bytes in all, holes included (0: no cap)")
      ->check(whole_number(0, UINT64_MAX));
  follow->add_option("--side", a.side, "client, server or both")->check(CLI::IsMember({"client", "server", "both"}));
  follow->add_option("--format", a.format, "text, hex or raw")->check(CLI::IsMember({"text", "hex", "raw"}));
  follow->add_option("-o,--output-dir", a.options.output_dir,
                     "Write each direction of each connection to DIR/<src>-<dst> (tcpflow's names)");
}

ExitCode finish_follow(FollowArgs& a) {
  if (!take_files_and_filter(a.positional, a.options.files, a.options.filter, " (tcplens follow FILE --stream N)")) {
    return ExitCode::usage;
  }
  if (*a.stream_given) a.options.stream = a.stream;
  if (a.side == "client") a.options.side = Role::orig;
  if (a.side == "server") a.options.side = Role::resp;
  a.options.format = a.format == "hex" ? FollowFormat::hex : a.format == "raw" ? FollowFormat::raw : FollowFormat::text;
  return run_follow(a.options);
}

// `tcplens FILE ...` is short for `tcplens read FILE ...`.
const std::vector<std::string> kCommands = {"read", "flows", "timeline", "check",    "follow",
                                            "live", "-h",    "--help",   "--version"};

bool is_command(const std::string& word) {
  return std::find(kCommands.begin(), kCommands.end(), word) != kCommands.end();
}

std::vector<std::string> with_default_command(std::vector<std::string> args) {
  if (!args.empty() && !is_command(args[0])) args.insert(args.begin(), "read");
  return args;
}

}  // namespace

struct CommandLine::State {
  CLI::App app{"tcplens: see what every TCP packet means for its connection", "tcplens"};
  ReadArgs read_args;
  SummaryArgs flows_args;
  LiveArgs live_args;
  CheckOptions check_options;
  SummaryArgs timeline_args;
  FollowArgs follow_args;
  BufferArgs buffer_args;
  std::vector<std::string> log_args;
};

CommandLine::CommandLine() : state_(std::make_unique<State>()) {
  State& s = *state_;
  CLI::App& app = s.app;
  app.set_version_flag("--version", kVersion);
  app.require_subcommand(1);
  add_read_command(app, s.read_args);
  add_summary_command(app, "flows", "One row per connection: Zeek conn_state and history, who closed, TIME_WAIT",
                      s.flows_args);
  app.get_subcommand("flows")
      ->add_option("--threads", s.flows_args.options.threads,
                   "Track connections in N threads, sharded by 4-tuple (same rows, same order; 0: in the "
                   "reading thread)")
      ->check(whole_number(0, 64));
  std::vector<std::string> formats;
  for (const FlowFormat& f : flow_formats()) formats.emplace_back(f.name);
  app.get_subcommand("flows")
      ->add_option("--format", s.flows_args.options.format,
                   "Output format: " + flow_format_names() + " (default table)")
      ->check(CLI::IsMember(formats));
  app.get_subcommand("flows")->add_option("-o,--output", s.flows_args.options.output_file,
                                          "Write the records to FILE instead of standard output");
  add_live_command(app, s.live_args);
  CheckOptions& check_options = s.check_options;
  auto* check = app.add_subcommand("check", "Assert TCP behaviour in captures; exit 1 when an assertion fails");
  check->add_option("inputs", check_options.inputs, "SPEC.toml, or captures with --expect / --golden")->required();
  check->add_option("--expect", check_options.expects,
                    "'[stream N|port N|all|any:] key=value key<=N ...' (repeatable)");
  check->add_option("--junit", check_options.junit, "Also write a JUnit XML report to FILE");
  check->add_option("--golden", check_options.golden_dir, "Compare flow records with DIR/<capture>.flows.ndjson");
  check->add_flag("--update", check_options.update, "With --golden: rewrite the golden files");
  check->add_flag("-q,--quiet", check_options.quiet, "Print only failures and the summary");
  add_summary_command(app, "timeline", "Per connection: how it opened and closed, packet by packet", s.timeline_args);
  s.timeline_args.options.format = "text";
  add_packet_format_option(app.get_subcommand("timeline"), s.timeline_args.options.format);
  add_follow_command(app, s.follow_args);
  for (CLI::App* cmd : {app.get_subcommand("read"), app.get_subcommand("flows"), app.get_subcommand("timeline"),
                        app.get_subcommand("follow"), app.get_subcommand("live"), app.get_subcommand("check")}) {
    add_buffer_options(cmd, s.buffer_args);
  }
  for (CLI::App* cmd : {app.get_subcommand("read"), app.get_subcommand("flows"), app.get_subcommand("timeline"),
                        app.get_subcommand("live")}) {
    add_log_option(cmd, s.log_args);
  }
}

CommandLine::~CommandLine() = default;

std::optional<int> CommandLine::parse(std::vector<std::string> args, std::ostream& out, std::ostream& err) {
  State& s = *state_;
  if (!args.empty() && !is_command(args[0])) {
    const std::string meant = mistyped_command(args[0], kCommands);
    if (!meant.empty()) {
      err << "tcplens: unknown command '" << visible(args[0]) << "' (did you mean '" << meant << "'?)\n";
      return to_int(ExitCode::usage);
    }
  }
  args = with_default_command(std::move(args));
  std::reverse(args.begin(), args.end());
  try {
    s.app.parse(args);
  } catch (const CLI::ParseError& e) {
    const int rc = s.app.exit(e, out, err);
    return rc == 0 ? 0 : to_int(ExitCode::usage);
  }
  // The one configuration of the run, handed to whichever command runs.
  const PipelineConfig config = pipeline_config(s.buffer_args);
  for (SummaryArgs* a : {&s.flows_args, &s.timeline_args}) a->options.pipeline = config;
  s.read_args.options.pipeline = config;
  s.live_args.options.output.pipeline = config;
  s.check_options.pipeline = config;
  s.follow_args.options.pipeline = config;
  const std::vector<FlowLogSpec> logs = flow_log_specs(s.log_args);
  for (SummaryArgs* a : {&s.flows_args, &s.timeline_args}) a->options.logs = logs;
  s.read_args.options.logs = logs;
  s.live_args.options.output.logs = logs;
  return std::nullopt;
}

ExitCode CommandLine::run() {
  State& s = *state_;
  if (s.app.got_subcommand("check")) return run_check(s.check_options);
  if (s.app.got_subcommand("live")) return finish_live(s.live_args);
  if (s.app.got_subcommand("read")) return finish_read(s.read_args);
  if (s.app.got_subcommand("flows")) return finish_summary(s.flows_args, run_flows);
  if (s.app.got_subcommand("timeline")) return finish_summary(s.timeline_args, run_timeline);
  if (s.app.got_subcommand("follow")) return finish_follow(s.follow_args);
  return ExitCode::usage;
}

}  // namespace tcplens
