#include "tcplens/render/tcp_options_text.hpp"

#include <fmt/format.h>

#include "tcplens/render/mptcp_text.hpp"

namespace tcplens {

namespace {

namespace kind {
constexpr std::uint8_t eol = 0, nop = 1, mss = 2, wscale = 3, sack_ok = 4, sack = 5, echo = 6, echo_reply = 7,
                       timestamp = 8, cc = 11, cc_new = 12, cc_echo = 13, md5 = 19, scps = 20, uto = 28, tcp_ao = 29,
                       mptcp = 30, fast_open = 34, experiment = 254;
}

constexpr bool is_single_byte(std::uint8_t opt) { return opt == kind::eol || opt == kind::nop; }

void append_option_name(TextBuffer& out, std::uint8_t opt) {
  switch (opt) {
    case kind::eol:
      append(out, "eol");
      return;
    case kind::nop:
      append(out, "nop");
      return;
    case kind::mss:
      append(out, "mss");
      return;
    case kind::wscale:
      append(out, "wscale");
      return;
    case kind::sack_ok:
      append(out, "sackOK");
      return;
    case kind::sack:
      append(out, "sack");
      return;
    case kind::echo:
      append(out, "echo");
      return;
    case kind::echo_reply:
      append(out, "echoreply");
      return;
    case kind::timestamp:
      append(out, "TS");
      return;
    case kind::cc:
      append(out, "cc");
      return;
    case kind::cc_new:
      append(out, "ccnew");
      return;
    case kind::cc_echo:
      return;  // tcpdump's table has an empty name here
    case kind::md5:
      append(out, "md5");
      return;
    case kind::scps:
      append(out, "scps");
      return;
    case kind::uto:
      append(out, "uto");
      return;
    case kind::tcp_ao:
      append(out, "tcp-ao");
      return;
    case kind::mptcp:
      append(out, "mptcp");
      return;
    case kind::fast_open:
      append(out, "tfo");
      return;
    case kind::experiment:
      append(out, "exp");
      return;
    default:
      print(out, FMT_COMPILE("unknown-{}"), opt);
      return;
  }
}

void append_hex(TextBuffer& out, Bytes bytes) {
  for (const std::uint8_t b : bytes) print(out, FMT_COMPILE("{:02x}"), b);
}

void append_fast_open(TextBuffer& out, Bytes cookie, bool experimental) {
  if (experimental) append(out, "tfo");
  if (cookie.empty()) {
    append(out, " cookiereq");
  } else if (cookie.size() % 2 != 0 || cookie.size() < 4 || cookie.size() > 16) {
    append(out, " (invalid)");
  } else {
    append(out, " cookie ");
    append_hex(out, cookie);
  }
}

// Walks the option bytes the way tcpdump's tcp_print does: fixed-size options
// advance by their fixed size whatever their length byte says, a length that
// does not fit ends the list with "[bad opt]", and running out of captured
// bytes ends the line with " [|tcp]".
class OptionWalker {
 public:
  OptionWalker(TextBuffer& out, const OptionsContext& ctx) : out_(out), ctx_(ctx), left_(ctx.declared) {}

  OptionsEnd run() {
    append(out_, ", options [");
    while (left_ > 0) {
      if (separator_ != '\0') out_.push_back(separator_);
      if (!available(1)) return cut();
      const std::uint8_t opt = at(pos_++);
      std::uint32_t len = 1;
      if (!is_single_byte(opt)) {
        if (!available(1)) return cut();
        len = at(pos_++);
        if (len < 2 || len > left_) return bad();
        --left_;
      }
      --left_;
      append_option_name(out_, opt);
      const Step step = body(opt, len);
      if (step == Step::bad) return bad();
      if (step == Step::truncated) return truncated();
      pos_ += datalen_;
      left_ -= datalen_;
      const std::uint32_t seen = datalen_ + (is_single_byte(opt) ? 1 : 2);
      if (seen != len) print(FMT_COMPILE("[len {}]"), len);
      separator_ = ',';
      if (opt == kind::eol) break;
    }
    out_.push_back(']');
    return OptionsEnd::closed;
  }

 private:
  enum class Step : std::uint8_t { ok, bad, truncated };

  [[nodiscard]] bool available(std::uint32_t n) const { return pos_ + n <= ctx_.captured.size(); }
  [[nodiscard]] std::uint8_t at(std::size_t i) const { return ctx_.captured[i]; }
  [[nodiscard]] std::uint32_t be32_at(std::size_t i) const { return load_be32(ctx_.captured.data() + i); }
  [[nodiscard]] Bytes data(std::uint32_t n) const { return ctx_.captured.subspan(pos_, n); }

  // tcpdump's LENCHECK: the bytes must be declared and captured.
  Step need(std::uint32_t n) const {
    if (n > left_) return Step::bad;
    if (!available(n)) return Step::truncated;
    return Step::ok;
  }

  template <typename CompiledFormat, typename... Args>
  void print(const CompiledFormat& f, Args&&... args) {
    tcplens::print(out_, f, std::forward<Args>(args)...);
  }

  Step body(std::uint8_t opt, std::uint32_t len) {
    datalen_ = 0;
    switch (opt) {
      case kind::mss:
        return fixed(2, [&] { print(FMT_COMPILE(" {}"), load_be16(&ctx_.captured[pos_])); });
      case kind::wscale:
        return fixed(1, [&] { print(FMT_COMPILE(" {}"), at(pos_)); });
      case kind::sack:
        return sack(len);
      case kind::cc:
      case kind::cc_new:
      case kind::cc_echo:
      case kind::echo:
      case kind::echo_reply:
        return fixed(4, [&] { print(FMT_COMPILE(" {}"), be32_at(pos_)); });
      case kind::timestamp:
        return fixed(8, [&] { print(FMT_COMPILE(" val {} ecr {}"), be32_at(pos_), be32_at(pos_ + 4)); });
      case kind::md5:
        return md5();
      case kind::scps:
        return fixed(2, [&] { print(FMT_COMPILE(" cap {:02x} id {}"), at(pos_), at(pos_ + 1)); });
      case kind::tcp_ao:
        return tcp_ao(len);
      case kind::eol:
      case kind::nop:
      case kind::sack_ok:
        return Step::ok;
      case kind::uto:
        return fixed(2, [&] { uto(load_be16(&ctx_.captured[pos_])); });
      case kind::mptcp:
        return mptcp(len);
      case kind::fast_open:
        return fast_open(len);
      case kind::experiment:
        return experiment(len);
      default:
        return unknown(len);
    }
  }

  template <typename Print>
  Step fixed(std::uint32_t size, Print&& print_value) {
    datalen_ = size;
    const Step s = need(size);
    if (s == Step::ok) print_value();
    return s;
  }

  Step sack(std::uint32_t len) {
    datalen_ = len - 2;
    if (datalen_ % 8 != 0) {
      append(out_, " invalid sack");
      return Step::ok;
    }
    print(FMT_COMPILE(" {} "), datalen_ / 8);
    for (std::uint32_t i = 0; i < datalen_; i += 8) {
      if (const Step s = need(i + 4); s != Step::ok) return s;
      if (const Step s = need(i + 8); s != Step::ok) return s;
      print(FMT_COMPILE("{{{}:{}}}"), be32_at(pos_ + i) - ctx_.sack_base, be32_at(pos_ + i + 4) - ctx_.sack_base);
    }
    return Step::ok;
  }

  Step md5() {
    datalen_ = 16;
    if (const Step s = need(16); s != Step::ok) return s;
    append(out_, " ");
    // Debian's tcpdump is built with libcrypto but no -M secret is given.
    if (!ctx_.payload_captured)
      append(out_, "snaplen too short, ");
    else
      append(out_, "shared secret not supplied with -M, ");
    append(out_, "can't check - ");
    append_hex(out_, data(16));
    return Step::ok;
  }

  Step tcp_ao(std::uint32_t len) {
    datalen_ = len - 2;
    if (datalen_ < 2) {
      append(out_, " (invalid)");
      return Step::ok;
    }
    if (const Step s = need(1); s != Step::ok) return s;
    print(FMT_COMPILE(" keyid {}"), at(pos_));
    if (const Step s = need(2); s != Step::ok) return s;
    print(FMT_COMPILE(" rnextkeyid {}"), at(pos_ + 1));
    if (datalen_ > 2) {
      append(out_, " mac 0x");
      for (std::uint32_t i = 2; i < datalen_; ++i) {
        if (const Step s = need(i + 1); s != Step::ok) return s;
        print(FMT_COMPILE("{:02x}"), at(pos_ + i));
      }
    }
    return Step::ok;
  }

  void uto(std::uint32_t value) {
    print(FMT_COMPILE(" 0x{:x}"), value);
    const std::uint32_t seconds = (value & 1) != 0 ? (value >> 1) * 60 : value >> 1;
    print(FMT_COMPILE(" {}"), seconds);
  }

  Step mptcp(std::uint32_t len) {
    datalen_ = len - 2;
    if (const Step s = need(datalen_); s != Step::ok) return s;
    return render_mptcp_option(out_, ctx_.captured.subspan(pos_ - 2, len), ctx_.tcp_flags) ? Step::ok : Step::bad;
  }

  Step fast_open(std::uint32_t len) {
    datalen_ = len - 2;
    if (const Step s = need(datalen_); s != Step::ok) return s;
    append(out_, " ");
    append_fast_open(out_, data(datalen_), false);
    return Step::ok;
  }

  Step experiment(std::uint32_t len) {
    datalen_ = len - 2;
    if (const Step s = need(datalen_); s != Step::ok) return s;
    if (datalen_ < 2) return Step::bad;
    const std::uint16_t magic = load_be16(&ctx_.captured[pos_]);
    append(out_, "-");
    if (magic == 0xf989)
      append_fast_open(out_, data(datalen_).subspan(2), true);
    else
      print(FMT_COMPILE("{:04x}"), magic);
    return Step::ok;
  }

  Step unknown(std::uint32_t len) {
    datalen_ = len - 2;
    if (datalen_ != 0) append(out_, " 0x");
    for (std::uint32_t i = 0; i < datalen_; ++i) {
      if (const Step s = need(i + 1); s != Step::ok) return s;
      print(FMT_COMPILE("{:02x}"), at(pos_ + i));
    }
    return Step::ok;
  }

  OptionsEnd cut() {
    append(out_, " [|tcp]");
    return OptionsEnd::truncated;
  }
  OptionsEnd truncated() {
    append(out_, " [|tcp]");
    if (separator_ != '\0') out_.push_back('>');
    return OptionsEnd::truncated;
  }
  OptionsEnd bad() {
    append(out_, "[bad opt]");
    if (separator_ != '\0') out_.push_back(']');
    return OptionsEnd::bad;
  }

  TextBuffer& out_;
  const OptionsContext& ctx_;
  std::uint32_t left_;
  std::size_t pos_ = 0;
  std::uint32_t datalen_ = 0;
  char separator_ = '\0';
};

}  // namespace

OptionsEnd render_tcp_options(TextBuffer& out, const OptionsContext& ctx) { return OptionWalker(out, ctx).run(); }

}  // namespace tcplens
