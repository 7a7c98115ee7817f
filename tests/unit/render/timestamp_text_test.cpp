#include "tcplens/render/timestamp_text.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <ctime>

using namespace tcplens;

namespace {
std::string render(TimestampStyle style, Timestamp ts, const TimestampReference& ref = {}) {
  TextBuffer out;
  render_timestamp(out, style, ts, ref);
  return fmt::to_string(out);
}
struct UtcZone {
  UtcZone() {
    setenv("TZ", "UTC", 1);
    tzset();
  }
};
}  // namespace

TEST_CASE("Absolute styles: local time, epoch, date; micro and nano digits", "[render][timestamp]") {
  UtcZone utc;
  const Timestamp t{1700000000, 1000, false};
  CHECK(render(TimestampStyle::local_time, t) == "22:13:20.001000 ");
  CHECK(render(TimestampStyle::epoch, t) == "1700000000.001000 ");
  CHECK(render(TimestampStyle::local_date_time, t) == "2023-11-14 22:13:20.001000 ");
  CHECK(render(TimestampStyle::none, t).empty());
  CHECK(render(TimestampStyle::local_time, {1700000000, 1000, true}) == "22:13:20.000001000 ");
  // Out-of-range fractions are printed as libpcap delivered them, like tcpdump.
  CHECK(render(TimestampStyle::local_time, {1418145370, 1000000, false}) == "17:16:10.1000000 ");
}

TEST_CASE("Delta styles: sign column, whole days dropped, one borrow", "[render][timestamp]") {
  TimestampReference ref;
  advance_reference(ref, {100, 900000, false});
  CHECK(render(TimestampStyle::since_previous, {101, 100000, false}, ref) == " 00:00:00.200000 ");
  CHECK(render(TimestampStyle::since_previous, {100, 800000, false}, ref) == "-00:00:00.100000 ");
  CHECK(render(TimestampStyle::since_first, {100 + 86400 * 3 + 3661, 900000, false}, ref) == " 01:01:01.000000 ");
  CHECK(render(TimestampStyle::since_previous, {5, 5, false}, {}) == " 00:00:00.000000 ");
}

TEST_CASE("tcpdump's -t count maps to styles", "[render][timestamp]") {
  CHECK(timestamp_style_from_count(0) == TimestampStyle::local_time);
  CHECK(timestamp_style_from_count(3) == TimestampStyle::since_previous);
  CHECK(timestamp_style_from_count(5) == TimestampStyle::since_first);
}
