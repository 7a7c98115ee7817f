#include "tcplens/analysis/application.hpp"

#include <algorithm>

#include "tcplens/analysis/flow_record.hpp"

namespace tcplens {

namespace {

// A chunk whose bytes the capture has (not a gap, not cut off by the snapshot length).
bool readable(const StreamChunk& chunk, const StreamReassembler* rs) {
  return !chunk.gap && !chunk.uncaptured && rs != nullptr;
}

}  // namespace

bool ApplicationState::running(const AnalyzerEntry* entry) const {
  return std::any_of(slots_.begin(), slots_.end(), [&](const Slot& s) { return s.entry == entry; });
}

// A side's first bytes: every analyzer whose probe accepts them starts; it
// missed what the other side sent before (a gap to it).
void ApplicationState::first_bytes(const AnalyzerConfig& config, Role side, Bytes bytes) {
  for (const AnalyzerEntry* entry : analyzer_registry()) {
    if (entry->probe == nullptr || running(entry) || !entry->probe(side, bytes, config)) continue;
    Slot slot{entry, entry->make(config)};
    if (started_[static_cast<int>(peer_of(side))]) slot.analyzer->gap(peer_of(side));
    slots_.push_back(std::move(slot));
  }
}

void ApplicationState::take_over(const AnalyzerConfig& config, std::string_view name, Role side, Bytes rest,
                                 const Delivery& at, AppFindings& out) {
  const AnalyzerEntry* entry = find_analyzer(name);
  if (entry == nullptr || running(entry)) return;
  slots_.push_back(Slot{entry, entry->make(config)});
  if (!rest.empty()) slots_.back().analyzer->deliver(side, rest, at, out);
}

void ApplicationState::deliver(const AnalyzerConfig& config, Role side, Bytes bytes, const Delivery& at,
                               AppFindings& out) {
  const std::size_t running_now = slots_.size();  // one started by a hand-over here has its bytes already
  for (std::size_t i = 0; i < running_now; ++i) {
    AppAnalyzer& a = *slots_[i].analyzer;
    if (a.done()) continue;
    const std::size_t used = a.deliver(side, bytes, at, out);
    if (slots_[i].handed_over || a.handover().empty()) continue;
    slots_[i].handed_over = true;
    take_over(config, a.handover(), side, bytes.subspan(std::min(used, bytes.size())), at, out);
  }
}

void ApplicationState::analyze(const AnalyzerConfig& config, const Connection& conn, const SegmentDelivery& segment,
                               AppFindings& out) {
  if (segment.any() && !probe_.done()) {
    // Each side's first delivered bytes, for the service probe.
    for (const Role side : {Role::orig, Role::resp}) {
      if (probe_.probed(static_cast<int>(side))) continue;
      const StreamReassembler* rs = conn.stream_of(side);
      for (const auto& chunk : segment.chunks[static_cast<int>(side)]) {
        if (!readable(chunk, rs)) continue;
        probe_.feed(static_cast<int>(side), rs->bytes(chunk));
        break;
      }
    }
  }
  // Both sides were offered to the probes and no analyzer runs: nothing
  // more can start (the common case for protocols tcplens does not read).
  if (slots_.empty() && started_[0] && started_[1]) return;
  for (const Role side : {segment.sender, peer_of(segment.sender)}) {
    const StreamReassembler* rs = conn.stream_of(side);
    bool& started = started_[static_cast<int>(side)];
    for (const auto& chunk : segment.chunks[static_cast<int>(side)]) {
      if (!readable(chunk, rs)) {
        started = true;
        for (Slot& s : slots_) s.analyzer->gap(side);
        continue;
      }
      const Bytes bytes = rs->bytes(chunk);
      if (!started) {
        started = true;
        first_bytes(config, side, bytes);
      }
      deliver(config, side, bytes, Delivery{chunk.frame, segment.time}, out);
    }
  }
  if (segment.closes) {
    for (Slot& s : slots_) s.analyzer->end_of_stream(segment.sender, out);
  }
  // An analyzer with nothing more to read and nothing to report goes (a few
  // bytes per connection, not hundreds).
  std::erase_if(slots_, [](const Slot& s) { return s.analyzer->done() && !s.analyzer->found_anything(); });
}

std::string ApplicationState::service(bool midstream) const {
  std::string names;
  for (const Slot& s : slots_) {
    const std::string_view name = s.analyzer->service();
    if (name.empty()) continue;
    if (!names.empty()) names += ',';
    names += name;
  }
  return names.empty() ? probe_.service(midstream) : names;
}

void ApplicationState::summarize(FlowRecord& record) const {
  for (const Slot& s : slots_) s.analyzer->summarize(record);
}

namespace {

ApplicationState* application_of(const Connection& conn) {
  ConnectionExtension* e = conn.extension();  // only this stage sets extensions
  return e != nullptr && e->kind == ApplicationState::kKind ? static_cast<ApplicationState*>(e) : nullptr;
}

}  // namespace

void analyze_application(const AnalyzerConfig& config, Connection& conn, const SegmentDelivery& segment,
                         AppFindings& out) {
  ApplicationState* app = application_of(conn);
  if (app == nullptr) {
    if (!segment.any()) return;
    auto fresh = std::make_unique<ApplicationState>();
    app = fresh.get();
    conn.set_extension(std::move(fresh));
  }
  app->analyze(config, conn, segment, out);
}

void summarize_application(const Connection& conn, FlowRecord& record) {
  const ApplicationState* app = application_of(conn);
  if (app == nullptr) return;
  app->summarize(record);
  record.service = app->service(conn.midstream());
}

}  // namespace tcplens
