// Bounds-checked big-endian access to captured bytes.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace tcplens {

using Bytes = std::span<const std::uint8_t>;

// A read-only window over captured bytes. Every accessor checks bounds and
// returns std::nullopt past the end, so decoders never read beyond caplen.
class ByteReader {
 public:
  constexpr ByteReader() = default;
  constexpr explicit ByteReader(Bytes bytes) : bytes_(bytes) {}

  [[nodiscard]] constexpr std::size_t size() const { return bytes_.size(); }
  [[nodiscard]] constexpr bool has(std::size_t offset, std::size_t count) const {
    return offset <= bytes_.size() && count <= bytes_.size() - offset;
  }
  [[nodiscard]] constexpr std::optional<std::uint8_t> u8(std::size_t offset) const {
    if (!has(offset, 1)) return std::nullopt;
    return bytes_[offset];
  }
  [[nodiscard]] constexpr std::optional<std::uint16_t> be16(std::size_t offset) const {
    if (!has(offset, 2)) return std::nullopt;
    return static_cast<std::uint16_t>((bytes_[offset] << 8) | bytes_[offset + 1]);
  }
  [[nodiscard]] constexpr std::optional<std::uint32_t> be32(std::size_t offset) const {
    if (!has(offset, 4)) return std::nullopt;
    return (std::uint32_t{bytes_[offset]} << 24) | (std::uint32_t{bytes_[offset + 1]} << 16) |
           (std::uint32_t{bytes_[offset + 2]} << 8) | std::uint32_t{bytes_[offset + 3]};
  }
  // Bytes from offset to the end (empty if offset is past the end).
  [[nodiscard]] constexpr Bytes from(std::size_t offset) const {
    return offset >= bytes_.size() ? Bytes{} : bytes_.subspan(offset);
  }
  // At most count bytes from offset.
  [[nodiscard]] constexpr Bytes slice(std::size_t offset, std::size_t count) const {
    Bytes rest = from(offset);
    return rest.first(count < rest.size() ? count : rest.size());
  }
  [[nodiscard]] constexpr Bytes bytes() const { return bytes_; }

 private:
  Bytes bytes_{};
};

// Unchecked loads for callers that have already checked the length.
constexpr std::uint16_t load_be16(const std::uint8_t* p) { return static_cast<std::uint16_t>((p[0] << 8) | p[1]); }
constexpr std::uint32_t load_be32(const std::uint8_t* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | std::uint32_t{p[3]};
}

}  // namespace tcplens
