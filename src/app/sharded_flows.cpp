#include "tcplens/app/sharded_flows.hpp"

#include <fmt/format.h>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "tcplens/app/pipeline.hpp"
#include "tcplens/app/segment_walk.hpp"
#include "tcplens/app/stream_numbering.hpp"
#include "tcplens/capture/frame_batch.hpp"
#include "tcplens/flow/capture_clock.hpp"

namespace tcplens {

namespace {

constexpr std::size_t kFramesPerRound = 4096;    // frames read before every shard is handed its batch
constexpr std::size_t kBatchesPerShard = 4;      // in flight per shard: bounds the memory of frames waiting
constexpr std::size_t kRecordsPerReport = 1024;  // a shard reports at least this often (the end retires all at once)
// At the end every shard retires all it holds at once, faster than one
// thread writes them out: past this many records not yet collected, a
// shard waits (without it, ~1M 600-byte records queued up, +370 MB).
constexpr std::size_t kRecordsWaitingAtEnd = 16 * kRecordsPerReport;

// Shards signal here whenever they report, so the reading thread can wait for any.
struct Progress {
  std::mutex mutex;
  std::condition_variable reported;
  std::uint64_t reports = 0;
};

// What a shard tells the reading thread after each batch.
struct ShardReport {
  std::vector<std::pair<std::uint64_t, std::uint64_t>> started;  // (frame, local stream)
  std::vector<FlowRecord> retired;                               // stream: the local number
  std::uint64_t seen = 0;
  bool done = false;
  std::uint64_t closed_out_idle = 0;
  std::uint64_t closed_out_table_full = 0;
};

// One tracking thread with its own flow table. Batches go in through a
// bounded queue; reports come out under the same lock.
class Shard {
 public:
  Shard(int dlt, const PipelineConfig& config, FlowTableOptions options, Progress& progress)
      : dlt_(dlt), config_(config), table_(options), progress_(progress) {
    for (std::size_t i = 0; i < kBatchesPerShard; ++i) free_.push_back(std::make_unique<FrameBatch>());
    table_.on_retire([this](Connection& c, Retirement, double) {
      pending_.retired.push_back(make_flow_record(c));
      if (pending_.retired.size() >= kRecordsPerReport) publish(nullptr);
    });
    thread_ = std::thread([this] { work(); });
  }
  Shard(const Shard&) = delete;
  Shard& operator=(const Shard&) = delete;
  ~Shard() { thread_.join(); }

  // An empty batch to fill (waits while all are in flight).
  std::unique_ptr<FrameBatch> take_free() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !free_.empty(); });
    auto b = std::move(free_.back());
    free_.pop_back();
    return b;
  }
  void hand(std::unique_ptr<FrameBatch> batch) {
    {
      std::lock_guard lock(mutex_);
      inbox_.push_back(std::move(batch));
    }
    changed_.notify_all();
  }
  // What the shard did since the last call.
  ShardReport collect() {
    ShardReport r;
    {
      std::lock_guard lock(mutex_);
      r = std::move(out_);
      out_ = ShardReport{};
      out_.seen = r.seen;
      out_.done = r.done;
    }
    changed_.notify_all();  // a shard retiring at the end may wait for room
    return r;
  }

 private:
  void work() {
    for (;;) {
      std::unique_ptr<FrameBatch> batch;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return !inbox_.empty(); });
        batch = std::move(inbox_.front());
        inbox_.erase(inbox_.begin());
      }
      track(*batch);
      const bool last = batch->last;
      // The capture's clock, not only this shard's packets': what one table
      // retires at the next packet (or at the last one), whichever shard it went to.
      table_.expire(batch->clock);
      if (last) {
        retiring_all_ = true;
        table_.retire_all();
      }
      batch->clear();
      publish(std::move(batch));
      if (last) return;
    }
  }

  // Hands what was found so far to the reading thread; with the batch
  // (done with), the shard has seen everything up to its end.
  void publish(std::unique_ptr<FrameBatch> batch) {
    {
      std::unique_lock lock(mutex_);
      // Only at the end, when the reading thread does nothing but collect
      // (earlier it may itself wait for this shard's free batches).
      if (retiring_all_) changed_.wait(lock, [&] { return out_.retired.size() < kRecordsWaitingAtEnd; });
      move_append(out_.started, pending_.started);
      move_append(out_.retired, pending_.retired);
      if (batch) {
        out_.seen = batch->last ? UINT64_MAX : batch->up_to;
        out_.done = batch->last;
        free_.push_back(std::move(batch));
      }
      out_.closed_out_idle = table_.retired(Retirement::idle);
      out_.closed_out_table_full = table_.retired(Retirement::table_full);
    }
    changed_.notify_all();
    {
      std::lock_guard lock(progress_.mutex);
      ++progress_.reports;
    }
    progress_.reported.notify_all();
  }

  void track(const FrameBatch& batch) {
    for (std::size_t i = 0; i < batch.size(); ++i) {
      const RawFrame frame = batch.frame(i);
      const DecodedPacket pkt = decode_packet(dlt_, frame);
      const std::uint64_t before = table_.streams();
      // Expiry as one table does at this packet, by the capture's clock (times from other shards included).
      const Connection& conn = track_segment(config_, table_, pkt, batch.clock_at(i), report_);
      if (table_.streams() != before) pending_.started.emplace_back(frame.number, conn.stream());
    }
  }

  template <typename T>
  static void move_append(std::vector<T>& to, std::vector<T>& from) {
    if (to.empty())
      to.swap(from);
    else
      std::move(from.begin(), from.end(), std::back_inserter(to));
    from.clear();
  }

  int dlt_;
  const PipelineConfig& config_;
  FlowTable table_;
  PacketReport report_;
  ShardReport pending_;        // the worker's own, until published
  bool retiring_all_ = false;  // the worker's own: the last batch is tracked
  Progress& progress_;

  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::unique_ptr<FrameBatch>> inbox_;
  std::vector<std::unique_ptr<FrameBatch>> free_;
  ShardReport out_;
  std::thread thread_;  // last: starts once everything above exists
};

FlowTableOptions shard_options(const PipelineConfig& config, unsigned shards) {
  FlowTableOptions o = config.table_options();
  if (o.limits.max_connections > 0) o.limits.max_connections = (o.limits.max_connections + shards - 1) / shards;
  o.limits.reassembly_memory = std::max<std::size_t>(1, o.limits.reassembly_memory / shards);
  return o;
}

// Joins records with their run-wide numbers: whichever comes second sends.
class RecordJoin {
 public:
  RecordJoin(std::size_t shards, const std::function<void(const FlowRecord&)>& on_record)
      : numbering_(shards), numbered_(shards), waiting_(shards), on_record_(on_record) {}

  void take(std::size_t s, ShardReport& r) {
    for (const auto& [frame, local] : r.started) numbering_.started(s, frame, local);
    numbering_.seen_up_to(s, r.seen);
    for (FlowRecord& f : r.retired) {
      const auto it = numbered_[s].find(f.stream);
      if (it == numbered_[s].end()) {
        const std::uint64_t local = f.stream;
        waiting_[s].emplace(local, std::move(f));
        continue;
      }
      f.stream = it->second;
      numbered_[s].erase(it);
      on_record_(f);
    }
    numbering_.assign([&](std::size_t shard, std::uint64_t local, std::uint64_t stream) {
      const auto it = waiting_[shard].find(local);
      if (it == waiting_[shard].end()) {
        numbered_[shard].emplace(local, stream);
        return;
      }
      it->second.stream = stream;
      on_record_(it->second);
      waiting_[shard].erase(it);
    });
  }

 private:
  StreamNumbering numbering_;
  std::vector<std::unordered_map<std::uint64_t, std::uint64_t>> numbered_;  // local -> run's, record not yet in
  std::vector<std::unordered_map<std::uint64_t, FlowRecord>> waiting_;      // local -> record, number not yet known
  const std::function<void(const FlowRecord&)>& on_record_;
};

}  // namespace

CaptureRunResult run_sharded_flows(const CaptureRunOptions& options, unsigned threads,
                                   const std::function<void(const FlowRecord&)>& on_record, UdpFlowTable* udp) {
  std::optional<PcapFile> capture;
  if (!open_capture(options, capture)) return {false, false, {}};
  CaptureRunResult result;
  const int dlt = capture->link_type();
  Progress progress;  // before the shards, which signal it until they are joined
  std::vector<std::unique_ptr<Shard>> shards;
  std::vector<std::unique_ptr<FrameBatch>> filling;
  for (unsigned i = 0; i < threads; ++i) {
    shards.push_back(
        std::make_unique<Shard>(dlt, options.pipeline, shard_options(options.pipeline, threads), progress));
    filling.push_back(shards.back()->take_free());
  }
  RecordJoin join(threads, on_record);
  std::vector<bool> finished(threads, false);
  std::size_t done = 0;
  const auto collect = [&] {
    for (std::size_t s = 0; s < shards.size(); ++s) {
      ShardReport r = shards[s]->collect();
      if (r.done && !finished[s]) {  // the shard's totals
        finished[s] = true;
        ++done;
        result.stats.closed_out_idle += r.closed_out_idle;
        result.stats.closed_out_table_full += r.closed_out_table_full;
      }
      join.take(s, r);
    }
  };
  ClockedFrames frames;  // as run_capture: a frame far ahead waits for the next
  const auto hand_round = [&](std::uint64_t up_to, bool last) {
    for (std::size_t s = 0; s < shards.size(); ++s) {
      filling[s]->up_to = up_to;
      filling[s]->clock = frames.now();
      filling[s]->last = last;
      shards[s]->hand(std::move(filling[s]));
      if (!last) filling[s] = shards[s]->take_free();
    }
  };

  RawFrame frame;
  ReadStatus status;
  std::size_t in_round = 0;
  std::uint64_t last_frame = 0;
  // Fragments are reassembled here: a shard is handed the rebuilt frame.
  IpReassembler fragments(options.pipeline.tracking.fragments);
  const auto take = [&](const RawFrame& f, double clock) {
    const DecodedPacket pkt = decode_packet(dlt, f);
    result.stats.count(pkt);
    fragments.expire(clock);
    const auto segment = [&](const DecodedPacket& p, const CompletedDatagram*) {
      if (!p.is_analyzable_tcp()) return;
      const auto s = flow_hash(p.ip.src, p.tcp.src_port, p.ip.dst, p.tcp.dst_port) % threads;
      filling[s]->add(*p.frame, clock);
    };
    const auto datagram = [&](const DecodedPacket& p) {
      if (udp != nullptr) udp->offer(p);
    };
    walk_segments(
        dlt, pkt, &fragments, result.stats, segment, [](const DecodedPacket&) {}, datagram);
  };
  while ((status = capture->next(frame)) == ReadStatus::frame) {
    last_frame = frame.number;
    frames.offer(frame, take);
    if (frames.holding()) continue;  // no round ends while a frame is held: its number must reach a shard first
    if (++in_round >= kFramesPerRound) {
      in_round = 0;
      collect();
      hand_round(last_frame, false);
    }
  }
  frames.finish(take);
  result.stats.clock_outliers = frames.outliers();
  if (fragments.enabled()) result.stats.note_fragments(fragments.stats());
  hand_round(last_frame, true);
  // The shards retire what is left: take their records as they come, from all at once.
  for (std::uint64_t seen_reports = 0; done < shards.size();) {
    {
      std::unique_lock lock(progress.mutex);
      progress.reported.wait(lock, [&] { return progress.reports != seen_reports; });
      seen_reports = progress.reports;
    }
    collect();
  }
  note_read_end(options, status, *capture, result);
  return result;
}

}  // namespace tcplens
