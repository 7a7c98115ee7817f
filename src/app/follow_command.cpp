#include "tcplens/app/follow_command.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <utility>

#include "tcplens/app/capture_run.hpp"
#include "tcplens/app/output.hpp"
#include "tcplens/render/annotation_text.hpp"
#include "tcplens/render/visible_text.hpp"

namespace tcplens {

std::string flow_file_name(const IpAddress& src, std::uint16_t sport, const IpAddress& dst, std::uint16_t dport) {
  const auto one = [](const IpAddress& a, std::uint16_t port) {
    if (a.family == IpFamily::v6) return fmt::format("{}.{:05}", a.text().view(), port);
    const auto& b = a.octets;
    return fmt::format("{:03}.{:03}.{:03}.{:03}.{:05}", b[0], b[1], b[2], b[3], port);
  };
  return one(src, sport) + "-" + one(dst, dport);
}

namespace {

// Files of -o DIR, opened on first use; a failed write stops the run.
// Bytes whose content is unknown (gaps, cut by snaplen) become holes in
// the file, and only when data follows them, as tcpflow's files have holes,
// not tails: a sparse file, so a capture with a 2 GiB gap writes a few
// bytes to disk, not 2 GiB of zeros. Files are opened without following a
// symbolic link (a link planted in DIR is an error, not a way to write
// elsewhere), and `limit` bounds their total size, holes included.
class FlowFiles {
 public:
  FlowFiles(std::string dir, std::uint64_t limit) : dir_(std::move(dir)), limit_(limit) {}
  ~FlowFiles() { close_all(); }
  FlowFiles(const FlowFiles&) = delete;
  FlowFiles& operator=(const FlowFiles&) = delete;

  bool write(const std::string& name, Bytes data, std::uint64_t unknown) {
    std::uint64_t& held = unknown_[name];
    held += unknown;
    if (data.empty()) return true;
    const std::uint64_t hole = held;
    if (limit_ > 0 && (hole + data.size() > limit_ - std::min(limit_, size_))) {
      if (error_.empty()) {
        error_ = fmt::format("{}: --max-output {} bytes reached at {}; stopped writing", visible(dir_), limit_,
                             visible(name));
      }
      return false;
    }
    const int fd = open(name);
    if (fd < 0) return false;
    if (hole > 0) {
      if (::lseek(fd, static_cast<off_t>(hole), SEEK_CUR) < 0) return failed(name);
      holes_ += hole;
    }
    held = 0;
    for (std::size_t done = 0; done < data.size();) {
      const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return failed(name);
      done += static_cast<std::size_t>(n);
    }
    size_ += hole + data.size();
    return true;
  }
  bool close_all() {
    bool ok = true;
    for (auto& [name, fd] : open_) {
      if (::close(fd) != 0 && ok) ok = failed(name);
    }
    open_.clear();
    return ok;
  }
  [[nodiscard]] const std::string& error() const { return error_; }
  // Bytes left as holes so far (never captured or cut by the snapshot length).
  [[nodiscard]] std::uint64_t holes() const { return holes_; }

 private:
  static constexpr std::size_t kMaxOpen = 128;
  int open(const std::string& name) {
    if (auto it = open_.find(name); it != open_.end()) return it->second;
    if (open_.size() >= kMaxOpen && !close_all()) return -1;
    const std::string path = dir_ + "/" + name;
    const bool first_time = created_.insert(name).second;
    const int flags = O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | (first_time ? O_TRUNC : 0);
    const int fd = ::open(path.c_str(), flags, 0644);
    if (fd < 0) {
      failed(name);
      return -1;
    }
    if (!first_time && ::lseek(fd, 0, SEEK_END) < 0) {
      failed(name);
      ::close(fd);
      return -1;
    }
    open_.emplace(name, fd);
    return fd;
  }
  bool failed(const std::string& name) {
    if (error_.empty()) {
      error_ = errno == ELOOP ? fmt::format("{}/{}: is a symbolic link; not written through", visible(dir_), name)
                              : fmt::format("{}/{}: {}", visible(dir_), name, std::strerror(errno));
    }
    return false;
  }
  std::string dir_;
  std::uint64_t limit_;
  std::uint64_t size_ = 0;  // all files, holes included
  std::uint64_t holes_ = 0;
  std::map<std::string, int> open_;
  std::set<std::string> created_;
  std::map<std::string, std::uint64_t> unknown_;
  std::string error_;
};

class FollowSink final : public PacketSink {
 public:
  FollowSink(const FollowOptions& options, Output& out, FlowFiles* files)
      : options_(options), out_(out), files_(files) {}

  void on_tcp(const DecodedPacket&, const PacketReport* report, const Connection* conn) override {
    if (report == nullptr || conn == nullptr) return;
    take(*report, *conn);
  }
  // Bytes still waiting when a connection leaves the table.
  void attach(FlowTable& table) {
    table.on_retire([this](Connection& c, Retirement, double) {
      if (!wants_more()) return;
      PacketReport report;
      c.finish_streams(report);
      take(report, c);
    });
  }
  // The end of a capture: totals per connection.
  void finish() {
    if (files_ != nullptr || options_.format == FollowFormat::raw) return;
    for (auto& [stream, totals] : totals_) {
      render_follow_footer(out_.buffer(), totals[0], totals[1], totals[2]);
      out_.end_record();
    }
  }
  [[nodiscard]] bool wants_more() const override { return ok_ && out_.ok(); }
  [[nodiscard]] bool ok() const { return ok_; }

 private:
  // tcpflow's name; a later connection on the same tuple gets c1, c2 ...
  std::string file_name(const Connection& conn, const Endpoint& from, const Endpoint& to) {
    const std::string base = flow_file_name(from.address, from.port, to.address, to.port);
    auto [it, fresh] = names_.try_emplace({conn.stream(), base}, "");
    if (fresh) {
      const std::uint64_t n = reuse_[base]++;
      it->second = n == 0 ? base : fmt::format("{}c{}", base, n);
    }
    return it->second;
  }

  [[nodiscard]] bool selected(std::uint64_t stream) const { return !options_.stream || *options_.stream == stream; }

  void take(const PacketReport& report, const Connection& conn) {
    if (!selected(conn.stream())) return;
    // The sender's bytes first, then what its ACK settled for the peer.
    const Role first = report.sender;
    for (const Role side : {first, peer_of(first)}) {
      for (const auto& chunk : report.chunks[static_cast<int>(side)]) one(conn, side, chunk);
    }
  }

  void one(const Connection& conn, Role side, const StreamChunk& chunk) {
    if (options_.side && *options_.side != side) return;
    const StreamReassembler* rs = conn.stream_of(side);
    const Bytes data = chunk.gap || chunk.uncaptured || rs == nullptr ? Bytes{} : rs->bytes(chunk);
    auto& totals = totals_[conn.stream()];
    if (chunk.gap)
      totals[2] += chunk.length;
    else
      totals[side == Role::orig ? 0 : 1] += chunk.length;
    if (files_ != nullptr) {
      const Endpoint& from = conn.endpoint(side);
      const Endpoint& to = conn.endpoint(peer_of(side));
      const std::string name = file_name(conn, from, to);
      const std::uint64_t zeros = data.empty() ? chunk.length : 0;  // holes, as tcpflow leaves them
      if (!files_->write(name, data, zeros)) ok_ = false;
      return;
    }
    if (options_.format == FollowFormat::raw) {
      append(out_.buffer(), std::string_view(reinterpret_cast<const char*>(data.data()), data.size()));
      out_.end_record();
      return;
    }
    if (headers_.insert(conn.stream()).second) {
      render_follow_header(out_.buffer(), conn.stream(), endpoint_text(conn.orig().address, conn.orig().port),
                           endpoint_text(conn.resp().address, conn.resp().port));
    }
    StreamRun run{side, chunk.offset, chunk.length, data, chunk.gap, chunk.uncaptured};
    render_stream_run(out_.buffer(), run, options_.format);
    out_.end_record();
  }

  const FollowOptions& options_;
  Output& out_;
  FlowFiles* files_;
  bool ok_ = true;
  std::set<std::uint64_t> headers_;
  std::map<std::pair<std::uint64_t, std::string>, std::string> names_;
  std::map<std::string, std::uint64_t> reuse_;
  std::map<std::uint64_t, std::array<std::uint64_t, 3>> totals_;  // client, server, missed
};

}  // namespace

ExitCode run_follow(const FollowOptions& options) {
  if (options.output_dir.empty() && options.format == FollowFormat::raw && isatty(STDOUT_FILENO) == 1) {
    std::fprintf(stderr,
                 "tcplens: follow --format raw: refusing to write a stream's raw bytes to a terminal "
                 "(redirect to a file, or use --format text)\n");
    return ExitCode::usage;
  }
  Output out;
  std::optional<FlowFiles> files;
  if (!options.output_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(options.output_dir, ec);
    if (ec) {
      std::fprintf(stderr, "tcplens: %s: cannot create directory: %s\n", visible(options.output_dir).c_str(),
                   ec.message().c_str());
      return ExitCode::output;
    }
    files.emplace(options.output_dir, options.max_output);
  }
  bool ok = true;
  for (const auto& path : options.files) {
    FlowTable table(options.pipeline.table_options());
    FollowOptions shown = options;
    if (files) shown.format = FollowFormat::raw;
    FollowSink sink(shown, out, files ? &*files : nullptr);
    CaptureRunOptions run;
    run.pipeline = options.pipeline;
    run.path = path;
    run.filter = options.filter;
    sink.attach(table);
    const auto result = run_capture(run, &table, sink);
    table.retire_all();
    ok = ok && result.ok;
    if (sink.ok()) sink.finish();
    if (files && (!sink.ok() || !files->close_all())) {
      out.flush();
      std::fprintf(stderr, "tcplens: %s\n", files->error().c_str());
      return ExitCode::output;
    }
    out.flush();
    if (!files || options.format != FollowFormat::raw) {
      print_capture_summary(path, result);
    }
  }
  if (files && files->holes() > 0) {
    std::fprintf(stderr, "tcplens: %s: %llu bytes never captured left as holes (sparse, read back as zeros)\n",
                 visible(options.output_dir).c_str(), static_cast<unsigned long long>(files->holes()));
  }
  return ok ? ExitCode::ok : ExitCode::input;
}

}  // namespace tcplens
