// NDJSON records for packets and connections (schema: docs/json-schema.md).
#pragma once
#include "tcplens/analysis/flow_record.hpp"
#include "tcplens/core/timestamp.hpp"
#include "tcplens/events/packet_report.hpp"
#include "tcplens/render/text_buffer.hpp"

namespace tcplens {

void render_packet_json(TextBuffer& out, const PacketReport& report, const Timestamp& ts);
void render_flow_json(TextBuffer& out, const FlowRecord& flow);
// The flow record's fields, for callers that add more (timeline events).
void render_flow_fields(class JsonObject& o, const FlowRecord& flow);

}  // namespace tcplens
