// Timestamps as tcpdump prints them for -t ... -ttttt.
#pragma once
#include "tcplens/core/timestamp.hpp"
#include "tcplens/render/text_buffer.hpp"

namespace tcplens {

enum class TimestampStyle : std::uint8_t {
  local_time,       // default: 13:18:43.792152
  none,             // -t
  epoch,            // -tt: 1700000000.792152
  since_previous,   // -ttt
  local_date_time,  // -tttt: 2023-11-14 13:18:43.792152
  since_first,      // -ttttt
};

// tcpdump's option count (0..5) to a style.
TimestampStyle timestamp_style_from_count(int t_count);

// The reference the delta styles measure from; the caller advances it.
// tcpdump keeps the reference as a timeval and takes zero for "not set": a
// frame stamped 0.000000 (the epoch) leaves it unset, and the next frame
// becomes the reference (nDPI's citrix.pcap starts so).
struct TimestampReference {
  bool set = false;           // first holds a non-zero time
  bool previous_set = false;  // previous holds a non-zero time
  Timestamp first;
  Timestamp previous;
};

// Appends the timestamp and its trailing space (nothing for -t).
void render_timestamp(TextBuffer& out, TimestampStyle style, const Timestamp& ts, const TimestampReference& ref);

// Records ts as seen (the first one becomes the base of -ttttt).
void advance_reference(TimestampReference& ref, const Timestamp& ts);

}  // namespace tcplens
