#include "tcplens/render/timestamp_text.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <ctime>

namespace tcplens {

namespace {

// tcpdump prints the fraction with %06u/%09u of whatever libpcap delivered,
// even out-of-range values.
void append_fraction(TextBuffer& out, const Timestamp& ts) {
  const auto frac = static_cast<std::uint32_t>(static_cast<std::int32_t>(ts.frac));
  if (ts.nano)
    print(out, FMT_COMPILE(".{:09}"), frac);
  else
    print(out, FMT_COMPILE(".{:06}"), frac);
}

// tcpdump 4.99 (ts_date_hmsfrac_print, ts_unix_print) prints this instead
// of a time, and no fraction, when bit 31 of the seconds is set (times
// before 1970 or after January 2038 as 32 bits hold them).
constexpr std::string_view kTimeError = "[Error converting time]";
bool tcpdump_cannot_convert(const Timestamp& ts) { return (static_cast<std::uint32_t>(ts.sec) & 0x80000000u) != 0; }

void append_local(TextBuffer& out, const Timestamp& ts, bool with_date) {
  const std::time_t t = static_cast<std::time_t>(ts.sec);
  std::tm tm{};
  if (tcpdump_cannot_convert(ts) || localtime_r(&t, &tm) == nullptr) {
    append(out, kTimeError);
    return;
  }
  if (with_date) print(out, FMT_COMPILE("{:04}-{:02}-{:02} "), tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  print(out, FMT_COMPILE("{:02}:{:02}:{:02}"), tm.tm_hour, tm.tm_min, tm.tm_sec);
  append_fraction(out, ts);
}

bool earlier(const Timestamp& a, const Timestamp& b) { return a.sec == b.sec ? a.frac < b.frac : a.sec < b.sec; }

// netdissect_timevalsub: one borrow at most, as tcpdump does.
Timestamp difference(const Timestamp& later, const Timestamp& sooner) {
  Timestamp d{later.sec - sooner.sec, later.frac - sooner.frac, later.nano};
  if (d.frac < 0) {
    d.frac += later.nano ? 1'000'000'000 : 1'000'000;
    --d.sec;
  }
  return d;
}

void append_delta(TextBuffer& out, const Timestamp& ts, const Timestamp& reference) {
  const bool negative = earlier(ts, reference);
  const Timestamp d = negative ? difference(reference, ts) : difference(ts, reference);
  out.push_back(negative ? '-' : ' ');
  // tcpdump formats the difference as a time of day: whole days drop out.
  const auto sec = static_cast<std::int64_t>(d.sec) % 86400;
  print(out, FMT_COMPILE("{:02}:{:02}:{:02}"), sec / 3600, (sec % 3600) / 60, sec % 60);
  append_fraction(out, d);
}

}  // namespace

TimestampStyle timestamp_style_from_count(int t_count) {
  switch (t_count) {
    case 0:
      return TimestampStyle::local_time;
    case 1:
      return TimestampStyle::none;
    case 2:
      return TimestampStyle::epoch;
    case 3:
      return TimestampStyle::since_previous;
    case 4:
      return TimestampStyle::local_date_time;
    default:
      return TimestampStyle::since_first;
  }
}

void render_timestamp(TextBuffer& out, TimestampStyle style, const Timestamp& ts, const TimestampReference& ref) {
  switch (style) {
    case TimestampStyle::none:
      return;
    case TimestampStyle::local_time:
      append_local(out, ts, false);
      break;
    case TimestampStyle::local_date_time:
      append_local(out, ts, true);
      break;
    case TimestampStyle::epoch:
      if (tcpdump_cannot_convert(ts)) {
        append(out, kTimeError);
        break;
      }
      print(out, FMT_COMPILE("{}"), static_cast<std::uint32_t>(ts.sec));
      append_fraction(out, ts);
      break;
    case TimestampStyle::since_previous:
      append_delta(out, ts, ref.previous_set ? ref.previous : ts);
      break;
    case TimestampStyle::since_first:
      append_delta(out, ts, ref.set ? ref.first : ts);
      break;
  }
  out.push_back(' ');
}

void advance_reference(TimestampReference& ref, const Timestamp& ts) {
  const bool nonzero = ts.sec != 0 || ts.frac != 0;
  if (!ref.set) {
    ref.first = ts;
    ref.set = nonzero;
  }
  ref.previous = ts;
  ref.previous_set = nonzero;
}

}  // namespace tcplens
