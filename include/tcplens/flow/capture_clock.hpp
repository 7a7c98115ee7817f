// The clock that drives expiry (TIME_WAIT over, idle close-outs): the
// latest frame time of the capture, robust to outliers. A frame more than
// kFarAhead seconds ahead of the clock is held until the next frame says
// what it is: if the next one is not back near the old time, the capture
// really moved on and the clock follows (the held frame is then processed
// exactly as without the hold); if it is, the far frame was an outlier (a
// corrupted record, a clock that jumped to 2038) and is processed at the
// old clock and counted, so one bad timestamp cannot close out every open
// connection. A last frame that nothing after it confirms is an outlier too.
#pragma once

namespace tcplens {

class CaptureClock {
 public:
  static constexpr double kFarAhead = 60;

  // The frame at t must wait for the next before the clock may follow it.
  [[nodiscard]] bool far_ahead(double t) const { return started_ && t - now_ > kFarAhead; }
  // A held frame at `held` is confirmed by the frame after it at `next`.
  [[nodiscard]] static bool confirms(double held, double next) { return next >= held - kFarAhead; }
  void advance(double t) {
    if (!started_ || t > now_) now_ = t;
    started_ = true;
  }
  [[nodiscard]] double now() const { return now_; }

 private:
  double now_ = 0;
  bool started_ = false;
};

}  // namespace tcplens
