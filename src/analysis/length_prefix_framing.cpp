#include "tcplens/analysis/length_prefix_framing.hpp"

#include <algorithm>

#include "tcplens/analysis/analyzer_registry.hpp"

namespace tcplens {

std::optional<FramingSpec> parse_framing(const std::string& text) {
  FramingSpec spec;
  if (text == "lenprefix:2" || text == "lenprefix:2:be")
    spec.width = 2;
  else if (text == "lenprefix:4" || text == "lenprefix:4:be")
    spec.width = 4;
  else if (text == "lenprefix:2:le")
    spec = {2, false};
  else if (text == "lenprefix:4:le")
    spec = {4, false};
  else
    return std::nullopt;
  return spec;
}

void LengthPrefixFraming::complete(Side& s, Role side, std::uint64_t length, std::uint64_t frame,
                                   std::vector<FramedMessage>& out) {
  out.push_back({side, ++s.count, length, s.first_frame, frame, s.ends.earlier_in(frame)});
  s.in_payload = false;
  s.have = 0;
}

void LengthPrefixFraming::feed(Role side, Bytes data, std::uint64_t frame, std::vector<FramedMessage>& out) {
  Side& s = sides_[static_cast<int>(side)];
  std::size_t i = 0;
  while (i < data.size() && !s.lost) {
    if (!s.in_payload) {
      if (s.have == 0) s.first_frame = frame;
      s.prefix[s.have++] = data[i++];
      if (s.have < spec_.width) continue;
      std::uint64_t length = 0;
      for (std::uint8_t k = 0; k < spec_.width; ++k) {
        const std::uint8_t byte = spec_.big_endian ? s.prefix[k] : s.prefix[spec_.width - 1 - k];
        length = (length << 8) | byte;
      }
      s.remaining = length;
      s.in_payload = true;
      if (length == 0) complete(s, side, 0, frame, out);
      continue;
    }
    const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(s.remaining, data.size() - i));
    s.remaining -= n;
    i += n;
    if (s.remaining == 0) {
      std::uint64_t length = 0;
      for (std::uint8_t k = 0; k < spec_.width; ++k) {
        const std::uint8_t byte = spec_.big_endian ? s.prefix[k] : s.prefix[spec_.width - 1 - k];
        length = (length << 8) | byte;
      }
      complete(s, side, length, frame, out);
    }
  }
}

namespace {

// Started on every connection when --framing asks for it.
bool probe_framing(Role, Bytes, const AnalyzerConfig& config) { return config.framing.has_value(); }
std::unique_ptr<AppAnalyzer> make_framing(const AnalyzerConfig& config) {
  return std::make_unique<LengthPrefixFraming>(config.framing.value_or(FramingSpec{}));
}

}  // namespace

const AnalyzerEntry kLengthPrefixAnalyzer{"lenprefix", &probe_framing, &make_framing};

}  // namespace tcplens
