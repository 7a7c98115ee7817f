#include "tcplens/app/stream_order.hpp"

namespace tcplens {

void StreamOrderedOutput::skip(std::uint64_t stream) {
  if (stream != next_) {
    waiting_.emplace(stream, std::string());
    return;
  }
  ++next_;
  release();
}

void StreamOrderedOutput::release() {
  for (auto it = waiting_.begin(); it != waiting_.end() && it->first == next_; it = waiting_.erase(it)) {
    append(out_.buffer(), it->second);
    waiting_bytes_ -= it->second.size();
    out_.end_record();
    ++next_;
  }
}

}  // namespace tcplens
