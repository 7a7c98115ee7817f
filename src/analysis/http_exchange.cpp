#include "tcplens/analysis/http_exchange.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <string_view>

#include "tcplens/analysis/analyzer_registry.hpp"
#include "tcplens/analysis/flow_record.hpp"

namespace tcplens {

namespace {

constexpr std::size_t kMaxLine = 8192;

// Request methods of RFC 9110 and WebDAV that tcpdump also knows.
bool is_method(std::string_view m) {
  static constexpr std::array<std::string_view, 16> kMethods = {
      "GET",   "HEAD",     "POST",      "PUT",   "DELETE", "CONNECT", "OPTIONS", "TRACE",
      "PATCH", "PROPFIND", "PROPPATCH", "MKCOL", "COPY",   "MOVE",    "LOCK",    "UNLOCK"};
  return std::find(kMethods.begin(), kMethods.end(), m) != kMethods.end();
}

// Whether a start line read so far can still become a request line (a known
// method, then a space) or a status line ("HTTP/1."): lets binary streams be
// ruled out after a few bytes instead of a whole line.
bool could_start_message(std::string_view so_far, Role side) {
  if (side == Role::resp) {
    constexpr std::string_view kVersion = "HTTP/1.";
    const std::size_t n = std::min(so_far.size(), kVersion.size());
    return so_far.substr(0, n) == kVersion.substr(0, n);
  }
  const std::size_t space = so_far.find(' ');
  const std::string_view token = so_far.substr(0, space);
  if (space != std::string_view::npos) return is_method(token);
  if (token.size() > 9) return false;
  for (const char c : token) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::optional<std::uint64_t> parse_number(std::string_view s, int base) {
  s = trim(s);
  if (s.empty() || s.size() > 16) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : s) {
    int d = -1;
    if (c >= '0' && c <= '9')
      d = c - '0';
    else if (base == 16 && c >= 'a' && c <= 'f')
      d = c - 'a' + 10;
    else if (base == 16 && c >= 'A' && c <= 'F')
      d = c - 'A' + 10;
    if (d < 0) return std::nullopt;
    v = v * static_cast<std::uint64_t>(base) + static_cast<std::uint64_t>(d);
  }
  return v;
}

}  // namespace

bool HttpConversation::start_message(Side& s, Role side, std::uint64_t frame, double time) {
  std::string_view line = trim(s.line);
  HttpMessage m;
  const auto sp1 = line.find(' ');
  if (sp1 == std::string_view::npos) return false;
  const std::string_view first = line.substr(0, sp1);
  const std::string_view rest = line.substr(sp1 + 1);
  if (side == Role::orig && is_method(first)) {
    const auto sp2 = rest.rfind(' ');
    if (sp2 == std::string_view::npos || rest.substr(sp2 + 1).substr(0, 7) != "HTTP/1.") return false;
    m.request = true;
    m.method = std::string(first);
    m.target = std::string(rest.substr(0, sp2));
  } else if (side == Role::resp && first.substr(0, 7) == "HTTP/1.") {
    const auto code = parse_number(rest.substr(0, 3), 10);
    if (!code || rest.size() < 3 || (rest.size() > 3 && rest[3] != ' ')) return false;
    m.request = false;
    m.status = static_cast<int>(*code);
    m.reason = std::string(rest.size() > 4 ? rest.substr(4) : std::string_view{});
  } else {
    return false;
  }
  m.first_frame = m.last_frame = frame;
  m.start_time = time;
  m.header_bytes = s.line.size() + 1;
  m.shares_segment_with = s.starts.earlier_in(frame);
  s.current = std::move(m);
  s.in_message = true;
  return true;
}

void HttpConversation::header(Side& s, const std::string& line) {
  s.current.header_bytes += line.size() + 1;
  const auto colon = line.find(':');
  if (colon == std::string::npos) return;
  const std::string name = lower(trim(std::string_view(line).substr(0, colon)));
  const std::string_view value = trim(std::string_view(line).substr(colon + 1));
  const std::string lv = lower(value);
  if (name == "content-length")
    s.current.content_length = parse_number(value, 10);
  else if (name == "transfer-encoding")
    s.current.chunked = lv.find("chunked") != std::string::npos;
  else if (name == "connection")
    s.current.connection_close = lv.find("close") != std::string::npos;
  else if (name == "upgrade") {
    s.current.upgrade = true;
    s.current.upgrade_websocket = lv.find("websocket") != std::string::npos;
  } else if (name == "range" || name == "content-range")
    s.current.range = std::string(value);
  else if (name == "keep-alive") {
    const auto at = lv.find("timeout=");
    if (at != std::string::npos) {
      const auto n = parse_number(std::string_view(lv).substr(at + 8, lv.find_first_of(", ", at + 8) - (at + 8)), 10);
      if (n) s.current.keep_alive_timeout = static_cast<int>(*n);
    }
  }
}

// The headers are complete: the message starts for the reader, and its body
// length is known.
void HttpConversation::headers_done(Side& s, Role side, std::vector<HttpEvent>& events) {
  HttpMessage& m = s.current;
  m.number = ++s.started;
  bool no_body = false;
  if (m.request) {
    unanswered_.push_back(m);
    no_body = !m.chunked && m.content_length.value_or(0) == 0;
  } else {
    const bool interim = m.status >= 100 && m.status < 200;
    if (!unanswered_.empty()) {
      const HttpMessage& req = unanswered_.front();
      m.since_request = m.start_time - req.start_time;
      no_body = req.method == "HEAD";
      if (!interim || m.status == 101) unanswered_.erase(unanswered_.begin());
    }
    no_body = no_body || interim || m.status == 204 || m.status == 304 || (!m.chunked && m.content_length == 0u);
  }
  events.push_back({HttpEvent::Kind::start, side, m});
  if (no_body)
    s.part = Part::done;
  else if (m.chunked)
    s.part = Part::chunk_size;
  else if (m.content_length) {
    s.remaining = *m.content_length;
    s.part = Part::body_length;
  } else {
    s.part = m.request ? Part::done : Part::body_to_close;
  }
}

void HttpConversation::end_message(Side& s, Role side, std::uint64_t frame, std::vector<HttpEvent>& events) {
  s.current.last_frame = frame;
  if (!s.current.request) statuses_.push_back(s.current.status);
  events.push_back({HttpEvent::Kind::end, side, s.current});
  s.in_message = false;
  s.part = Part::start_line;
  if (!s.current.request && s.current.status == 101) {
    // Switching protocols: what follows, on both sides, is not HTTP; the
    // analyzer of the protocol named in Upgrade takes over (WebSocket).
    sides_[0].mode = sides_[1].mode = Mode::switched;
    switched_ = true;
    switched_to_websocket_ = s.current.upgrade_websocket;
  }
}

void HttpConversation::take_line(Side& s, Role side, std::uint64_t frame, double time, std::vector<HttpEvent>& events) {
  switch (s.part) {
    case Part::start_line:
      if (trim(s.line).empty()) break;  // blank lines between messages
      if (!start_message(s, side, frame, time)) {
        give_up(s);
        return;
      }
      s.mode = Mode::http;
      s.part = Part::headers;
      break;
    case Part::headers:
      if (trim(s.line).empty()) {
        s.current.header_bytes += s.line.size() + 1;
        headers_done(s, side, events);
        if (s.part == Part::done) end_message(s, side, frame, events);
      } else {
        header(s, s.line);
      }
      break;
    case Part::chunk_size: {
      const std::string_view size_text = std::string_view(s.line).substr(0, s.line.find(';'));
      const auto size = parse_number(size_text, 16);
      if (!size) {
        give_up(s);
        return;
      }
      if (*size == 0) {
        s.part = Part::trailers;
      } else {
        s.remaining = *size;
        s.current.body_bytes += *size;
        s.part = Part::chunk_data;
      }
      break;
    }
    case Part::chunk_crlf:
      s.part = Part::chunk_size;
      break;
    case Part::trailers:
      if (trim(s.line).empty()) end_message(s, side, frame, events);
      break;
    default:
      break;
  }
  s.line.clear();
}

std::size_t HttpConversation::feed(Role side, Bytes data, std::uint64_t frame, double time,
                                   std::vector<HttpEvent>& events) {
  Side& s = sides_[static_cast<int>(side)];
  std::size_t i = 0;
  while (i < data.size() && (s.mode == Mode::unknown || s.mode == Mode::http)) {
    if (s.in_message) s.current.last_frame = frame;
    if (s.part == Part::body_length || s.part == Part::chunk_data) {
      const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(s.remaining, data.size() - i));
      s.remaining -= n;
      i += n;
      if (s.part == Part::body_length) s.current.body_bytes += n;
      if (s.remaining == 0) {
        if (s.part == Part::body_length)
          end_message(s, side, frame, events);
        else
          s.part = Part::chunk_crlf;
      }
      continue;
    }
    if (s.part == Part::body_to_close) {
      s.current.body_bytes += data.size() - i;
      break;
    }
    const char c = static_cast<char>(data[i++]);
    if (c == '\n') {
      take_line(s, side, frame, time, events);
      continue;
    }
    s.line.push_back(c);
    const bool hopeless =
        s.part == Part::start_line && !trim(s.line).empty() &&
        !could_start_message(std::string_view(s.line).substr(s.line.find_first_not_of(" \t\r")), side);
    if (hopeless || s.line.size() > kMaxLine) give_up(s);
  }
  return s.mode == Mode::switched ? i : data.size();
}

// Not HTTP (from the start) or no longer in step (later): stop, keep nothing.
void HttpConversation::give_up(Side& s) {
  s.mode = s.mode == Mode::unknown ? Mode::not_http : Mode::lost;
  std::string().swap(s.line);
}

std::string_view HttpConversation::service() const {
  // HTTP's own parser is the confirmation Zeek's analyzer gives: a request
  // and the response it answered.
  return requests() > 0 && responses() > 0 ? "http" : "";
}

void HttpConversation::summarize(FlowRecord& f) const {
  if (!is_http()) return;
  f.http_requests = requests();
  f.http_responses = responses();
  for (const int status : statuses()) f.http_statuses += (f.http_statuses.empty() ? "" : ",") + std::to_string(status);
}

bool http_could_start(Role side, Bytes first) {
  // A start line's first 16 bytes decide as well as the whole line would:
  // a method and its space, or "HTTP/1.", fit in them (and a prefix that
  // can no longer start a message never will). Leading blank lines are
  // skipped, at most kMaxLine of them.
  constexpr std::size_t kDecidingBytes = 16;
  const std::size_t scan = std::min(first.size(), kMaxLine);
  std::size_t i = 0;
  while (i < scan && (first[i] == ' ' || first[i] == '\t' || first[i] == '\r' || first[i] == '\n')) ++i;
  std::size_t end = i;
  while (end < first.size() && end - i < kDecidingBytes && first[end] != '\n') ++end;
  const std::string_view line(reinterpret_cast<const char*>(first.data()) + i, end - i);
  return could_start_message(line, side);
}

namespace {

std::unique_ptr<AppAnalyzer> make_http(const AnalyzerConfig&) { return std::make_unique<HttpConversation>(); }
bool probe_http(Role side, Bytes first, const AnalyzerConfig&) { return http_could_start(side, first); }

}  // namespace

const AnalyzerEntry kHttpAnalyzer{"http", &probe_http, &make_http};

void HttpConversation::gap(Role side) {
  Side& s = sides_[static_cast<int>(side)];
  if (s.mode == Mode::http || s.mode == Mode::unknown) s.mode = Mode::lost;
}

void HttpConversation::finish(Role side, std::vector<HttpEvent>& events) {
  Side& s = sides_[static_cast<int>(side)];
  if (s.mode == Mode::http && s.in_message && s.part == Part::body_to_close) {
    end_message(s, side, s.current.last_frame, events);
  }
}

}  // namespace tcplens
