#include "tcplens/flow/capture_clock.hpp"

#include <catch2/catch.hpp>

using tcplens::CaptureClock;

TEST_CASE("capture clock: the first frame sets it and it only moves forward") {
  CaptureClock clock;
  CHECK_FALSE(clock.far_ahead(1.7e9));  // nothing to be ahead of yet
  clock.advance(1.7e9);
  clock.advance(1.7e9 - 5);
  CHECK(clock.now() == 1.7e9);
  clock.advance(1.7e9 + 59);
  CHECK(clock.now() == 1.7e9 + 59);
}

TEST_CASE("capture clock: a frame more than a minute ahead waits for the next to confirm it") {
  CaptureClock clock;
  clock.advance(1000);
  CHECK_FALSE(clock.far_ahead(1060));
  CHECK(clock.far_ahead(1060.5));
  const double year_2038 = 2147483000;
  CHECK(clock.far_ahead(year_2038));
  // The next frame is back at the capture's time: the far one was an outlier.
  CHECK_FALSE(CaptureClock::confirms(year_2038, 1001));
  // The capture really paused for an hour: the next frame is near the held one, or later.
  CHECK(CaptureClock::confirms(4600, 4600.001));
  CHECK(CaptureClock::confirms(4600, 9000));
  CHECK(CaptureClock::confirms(4600, 4550));  // a little back, within the same minute
}
