#include "tcplens/app/flow_logs.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>

#include "tcplens/analysis/udp_flow_record.hpp"
#include "tcplens/app/capture_run.hpp"

namespace tcplens {

std::optional<FlowLogSpec> parse_flow_log(const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq + 1 == text.size()) return std::nullopt;
  FlowLogSpec spec{text.substr(0, eq), text.substr(eq + 1)};
  if (find_flow_format(spec.format) == nullptr) return std::nullopt;
  return spec;
}

FlowLogs::~FlowLogs() {
  for (Log& log : logs_) {
    log.order.reset();
    log.out.reset();
    if (log.file != nullptr) std::fclose(log.file);
  }
}

bool FlowLogs::open(const std::vector<FlowLogSpec>& specs, bool line_buffered) {
  for (const FlowLogSpec& spec : specs) {
    Log log;
    log.spec = spec;
    log.file = std::fopen(spec.path.c_str(), "wb");
    if (log.file == nullptr) {
      report_input_error(spec.path, fmt::format("cannot write: {}", std::strerror(errno)));
      return false;
    }
    log.out = std::make_unique<Output>(log.file, line_buffered);
    log.writer = find_flow_format(spec.format)->make();
    log.writer->begin(log.out->buffer());
    logs_.push_back(std::move(log));
  }
  return true;
}

void FlowLogs::begin_capture() {
  for (Log& log : logs_) log.order = std::make_unique<StreamOrderedOutput>(*log.out);
}

void FlowLogs::put(const FlowRecord& record) {
  for (Log& log : logs_) {
    log.order->put(record.stream, [&](TextBuffer& b) { log.writer->row(b, record); });
  }
}

void FlowLogs::end_capture(const UdpFlowTable& udp) {
  for (Log& log : logs_) {
    log.order.reset();
    for (const UdpFlow& u : udp.flows()) {
      log.writer->row(log.out->buffer(), make_udp_flow_record(u));
      log.out->end_record();
    }
  }
}

bool FlowLogs::close() {
  bool ok = true;
  for (Log& log : logs_) {
    log.order.reset();
    log.writer->end(log.out->buffer());
    log.out->flush();
    const bool written = log.out->ok();
    log.out.reset();
    const bool closed = std::fclose(log.file) == 0;
    log.file = nullptr;
    if (!written || !closed) {
      report_input_error(log.spec.path, "write failed");
      ok = false;
    }
  }
  logs_.clear();
  return ok;
}

}  // namespace tcplens
