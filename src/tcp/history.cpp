#include "tcplens/tcp/history.hpp"

#include "tcplens/decode/tcp_segment.hpp"

namespace tcplens {

namespace {
char for_role(Role who, char lower) { return who == Role::orig ? static_cast<char>(lower - 'a' + 'A') : lower; }
int repeat_slot(char letter) {
  switch (letter) {
    case 's':
      return 0;
    case 'h':
      return 1;
    case 'f':
      return 2;
    default:
      return 3;  // 'r'
  }
}
}  // namespace

void History::repeatable(Role who, char letter, std::uint32_t seq) {
  Side& side = sides_[static_cast<int>(who)];
  const int slot = repeat_slot(letter);
  if (side.seen[slot] && side.last_seq[slot] == seq) return;
  side.seen[slot] = true;
  side.last_seq[slot] = seq;
  text_ += for_role(who, letter);
}

void History::once(Role who, char letter) {
  Side& side = sides_[static_cast<int>(who)];
  const std::uint32_t bit = 1u << (letter - 'a');
  if ((side.once_mask & bit) != 0) return;
  side.once_mask |= bit;
  text_ += for_role(who, letter);
}

void History::logarithmic(Role who, char letter, std::uint32_t& count) {
  // Zeek adds the letter at the 1st, 10th, 100th ... occurrence.
  ++count;
  std::uint32_t threshold = 1;
  while (threshold < count) threshold *= 10;
  if (threshold == count) text_ += for_role(who, letter);
}

void History::record_segment(Role sender, std::uint8_t flags, std::uint32_t payload, std::uint32_t seq) {
  const bool syn = (flags & tcp_flag::syn) != 0;
  const bool ack = (flags & tcp_flag::ack) != 0;
  const bool fin = (flags & tcp_flag::fin) != 0;
  const bool rst = (flags & tcp_flag::rst) != 0;
  if (syn && (fin || rst))
    once(sender, 'q');
  else if (fin && rst)
    once(sender, 'i');
  if (syn) repeatable(sender, ack ? 'h' : 's', seq);
  if (fin) repeatable(sender, 'f', seq);
  if (rst) repeatable(sender, 'r', seq);
  if (payload > 0)
    once(sender, 'd');
  else if (ack && !syn && !fin && !rst)
    once(sender, 'a');
}

void History::record_content_gap(Role sender) { logarithmic(sender, 'g', sides_[static_cast<int>(sender)].gaps); }

void History::record_retransmission(Role sender) {
  logarithmic(sender, 't', sides_[static_cast<int>(sender)].retransmissions);
}

void History::record_zero_window(Role sender) {
  logarithmic(sender, 'w', sides_[static_cast<int>(sender)].zero_windows);
}

}  // namespace tcplens
