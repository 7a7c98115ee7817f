// flows --threads N: connections sharded by a hash of their 4-tuple over N
// tracking threads, each with its own flow table; the reading thread reads
// and decodes each frame, hands it to its connection's shard, and puts the
// records back in stream order with the numbers one table would have given
// (StreamNumbering). Every connection sees the same packets in the same
// order as with one table, and each frame carries the capture's clock (the
// latest TCP timestamp read so far, whichever shard it went to), so a shard
// retires what one table would, when it would. What differs:
// --max-connections and --reassembly-memory are split evenly between shards.
#pragma once
#include <functional>

#include "tcplens/analysis/flow_record.hpp"
#include "tcplens/app/capture_run.hpp"
#include "tcplens/flow/udp_flows.hpp"

namespace tcplens {

// Calls on_record for every connection as it leaves, from the calling
// thread, with the run's stream number in record.stream; order is the
// caller's to restore (StreamOrderedOutput).
CaptureRunResult run_sharded_flows(const CaptureRunOptions& options, unsigned threads,
                                   const std::function<void(const FlowRecord&)>& on_record,
                                   UdpFlowTable* udp = nullptr);

}  // namespace tcplens
