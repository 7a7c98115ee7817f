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
#include <cstdint>

#include "tcplens/capture/held_frame.hpp"

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

// The frames of a capture in file order, each handed on with the capture
// clock at it, a far-ahead one only once the next frame (or the end) has
// decided. The one place the hold and its release are written: files and
// the reading thread of --threads use it alike.
class ClockedFrames {
 public:
  // process(const RawFrame&, double clock) runs for this frame and for a
  // frame held before it, or for neither yet when this one is held.
  template <typename Process>
  void offer(const RawFrame& f, Process&& process) {
    const double t = f.ts.seconds();
    if (held_.holding()) release(CaptureClock::confirms(held_.frame.ts.seconds(), t), process);
    if (clock_.far_ahead(t)) {
      held_.keep(f);
      return;
    }
    clock_.advance(t);
    process(f, clock_.now());
  }
  // The end: a frame still held is an outlier (nothing after it confirms it).
  template <typename Process>
  void finish(Process&& process) {
    if (held_.holding()) release(false, process);
  }
  [[nodiscard]] bool holding() const { return held_.holding(); }
  [[nodiscard]] double now() const { return clock_.now(); }
  [[nodiscard]] std::uint64_t outliers() const { return outliers_; }

 private:
  template <typename Process>
  void release(bool confirmed, Process& process) {
    if (confirmed)
      clock_.advance(held_.frame.ts.seconds());
    else
      ++outliers_;
    process(held_.frame, clock_.now());
    held_.clear();
  }

  CaptureClock clock_;
  HeldFrame held_;
  std::uint64_t outliers_ = 0;
};

}  // namespace tcplens
