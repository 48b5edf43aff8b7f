#include "loupe/formats/stix/stix_pattern.h"

#include <utility>

#include "fmt/format.h"
#include "loupe/base/status_macros.h"

namespace loupe {
namespace {

enum class Tok : uint8_t {
  kEnd,
  kLBrack,
  kRBrack,
  kLParen,
  kRParen,
  kColon,
  kDot,
  kComma,
  kStar,
  kOp,      // text: "=", "!=", "<", "<=", ">", ">="
  kWord,    // names and keywords
  kString,  // value: the unescaped text; prefix: 0, 't', 'h' or 'b'
  kNumber,
};

struct Token {
  Tok kind = Tok::kEnd;
  size_t offset = 0;
  std::string_view text;  // as written (for strings, without the quotes)
  std::string value;      // kString only
  char prefix = 0;
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsWordStart(char c) { return IsAlpha(c) || c == '_'; }
bool IsWordChar(char c) { return IsWordStart(c) || IsDigit(c) || c == '-'; }
bool IsSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

absl::Status Error(std::string_view what, size_t offset) {
  return absl::InvalidArgumentError(fmt::format("{} at offset {}", what, offset));
}

std::string Printable(char c) {
  auto u = static_cast<unsigned char>(c);
  if (u >= 0x20 && u < 0x7f) return fmt::format("'{}'", c);
  return fmt::format("byte 0x{:02x}", u);
}

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  absl::StatusOr<std::vector<Token>> Run() {
    std::vector<Token> tokens;
    while (true) {
      while (pos_ < text_.size() && IsSpace(text_[pos_])) ++pos_;
      Token t;
      t.offset = pos_;
      if (pos_ == text_.size()) {
        tokens.push_back(std::move(t));
        return tokens;
      }
      RETURN_IF_ERROR(Next(t, tokens.empty() ? Tok::kEnd : tokens.back().kind));
      tokens.push_back(std::move(t));
    }
  }

 private:
  absl::Status Next(Token& t, Tok previous) {
    const char c = text_[pos_];
    switch (c) {
      case '[':
        return Single(t, Tok::kLBrack);
      case ']':
        return Single(t, Tok::kRBrack);
      case '(':
        return Single(t, Tok::kLParen);
      case ')':
        return Single(t, Tok::kRParen);
      case ':':
        return Single(t, Tok::kColon);
      case ',':
        return Single(t, Tok::kComma);
      case '*':
        return Single(t, Tok::kStar);
      case '\'':
        return String(t, 0);
      case '=':
        return Operator(t, At(1) == '=' ? 2 : 1, "=");
      case '!':
        if (At(1) != '=') return Error("'!' without '='", pos_);
        return Operator(t, 2, "!=");
      case '<':
        if (At(1) == '=') return Operator(t, 2, "<=");
        if (At(1) == '>') return Operator(t, 2, "!=");
        return Operator(t, 1, "<");
      case '>':
        return Operator(t, At(1) == '=' ? 2 : 1, At(1) == '=' ? ">=" : ">");
      default:
        break;
    }
    // ".5" is a number where a value may start, a path step after a name.
    bool dot_number = c == '.' && IsDigit(At(1)) && previous != Tok::kWord &&
                      previous != Tok::kString && previous != Tok::kRBrack;
    if (c == '.' && !dot_number) return Single(t, Tok::kDot);
    if (IsDigit(c) || dot_number || ((c == '+' || c == '-') && (IsDigit(At(1)) || At(1) == '.'))) {
      return Number(t);
    }
    if (IsWordStart(c)) {
      size_t end = pos_ + 1;
      while (end < text_.size() && IsWordChar(text_[end])) ++end;
      if (end == pos_ + 1 && (c == 't' || c == 'h' || c == 'b') && At(1) == '\'') {
        ++pos_;
        return String(t, c);
      }
      t.kind = Tok::kWord;
      t.text = text_.substr(pos_, end - pos_);
      pos_ = end;
      return absl::OkStatus();
    }
    return Error(fmt::format("unexpected {}", Printable(c)), pos_);
  }

  char At(size_t ahead) const { return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0'; }

  absl::Status Single(Token& t, Tok kind) {
    t.kind = kind;
    t.text = text_.substr(pos_, 1);
    ++pos_;
    return absl::OkStatus();
  }

  absl::Status Operator(Token& t, size_t length, std::string_view normalized) {
    t.kind = Tok::kOp;
    t.text = normalized;
    pos_ += length;
    return absl::OkStatus();
  }

  absl::Status Number(Token& t) {
    size_t end = pos_;
    if (text_[end] == '+' || text_[end] == '-') ++end;
    while (end < text_.size() && IsDigit(text_[end])) ++end;
    if (end < text_.size() && text_[end] == '.') {
      ++end;
      size_t digits = end;
      while (end < text_.size() && IsDigit(text_[end])) ++end;
      if (end == digits) return Error("number without digits after '.'", pos_);
    }
    t.kind = Tok::kNumber;
    t.text = text_.substr(pos_, end - pos_);
    pos_ = end;
    return absl::OkStatus();
  }

  // At the opening quote.
  absl::Status String(Token& t, char prefix) {
    const size_t start = pos_;
    ++pos_;
    const size_t body = pos_;
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == '\'') {
        t.kind = Tok::kString;
        t.prefix = prefix;
        t.text = text_.substr(body, pos_ - body);
        ++pos_;
        return absl::OkStatus();
      }
      if (c == '\\' && (At(1) == '\'' || At(1) == '\\')) {
        t.value += At(1);
        pos_ += 2;
        continue;
      }
      t.value += c;
      ++pos_;
    }
    return Error("unterminated string", prefix ? start - 1 : start);
  }

  std::string_view text_;
  size_t pos_ = 0;
};

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  absl::StatusOr<std::vector<PatternComparison>> Run() {
    if (Peek().kind == Tok::kEnd) return absl::InvalidArgumentError("empty pattern");
    RETURN_IF_ERROR(Observations(0));
    if (Peek().kind != Tok::kEnd) return Unexpected("AND, OR, FOLLOWEDBY or the end");
    return std::move(out_);
  }

 private:
  const Token& Peek() const { return tokens_[pos_]; }
  const Token& Take() { return tokens_[pos_ < tokens_.size() - 1 ? pos_++ : pos_]; }
  bool PeekWord(std::string_view keyword) const {
    return Peek().kind == Tok::kWord && EqualsNoCase(Peek().text, keyword);
  }
  bool TakeWord(std::string_view keyword) {
    if (!PeekWord(keyword)) return false;
    Take();
    return true;
  }

  absl::Status Unexpected(std::string_view expected) const {
    const Token& t = Peek();
    if (t.kind == Tok::kEnd) return Error(fmt::format("expected {}", expected), t.offset);
    std::string_view shown = t.text.substr(0, 32);
    return Error(fmt::format("expected {}, found '{}'", expected, shown), t.offset);
  }

  absl::Status Expect(Tok kind, std::string_view what) {
    if (Peek().kind != kind) return Unexpected(what);
    Take();
    return absl::OkStatus();
  }

  absl::Status Deeper(int depth) const {
    if (depth >= kMaxStixPatternDepth) {
      return Error(fmt::format("nested deeper than {} levels", kMaxStixPatternDepth),
                   Peek().offset);
    }
    return absl::OkStatus();
  }

  absl::Status Observations(int depth) {
    while (true) {
      RETURN_IF_ERROR(Observation(depth));
      if (!TakeWord("AND") && !TakeWord("OR") && !TakeWord("FOLLOWEDBY")) return absl::OkStatus();
    }
  }

  absl::Status Observation(int depth) {
    RETURN_IF_ERROR(Deeper(depth));
    if (Peek().kind == Tok::kLBrack) {
      Take();
      RETURN_IF_ERROR(Comparisons(depth + 1));
      RETURN_IF_ERROR(Expect(Tok::kRBrack, "']'"));
    } else if (Peek().kind == Tok::kLParen) {
      Take();
      RETURN_IF_ERROR(Observations(depth + 1));
      RETURN_IF_ERROR(Expect(Tok::kRParen, "')'"));
    } else {
      return Unexpected("'[' or '('");
    }
    return Qualifiers();
  }

  // Qualifiers change when a pattern matches, not what it names: checked and dropped.
  absl::Status Qualifiers() {
    while (true) {
      if (TakeWord("WITHIN")) {
        RETURN_IF_ERROR(Expect(Tok::kNumber, "a number after WITHIN"));
        if (!TakeWord("SECONDS")) return Unexpected("SECONDS");
      } else if (TakeWord("START")) {
        RETURN_IF_ERROR(Expect(Tok::kString, "a timestamp after START"));
        if (!TakeWord("STOP")) return Unexpected("STOP");
        RETURN_IF_ERROR(Expect(Tok::kString, "a timestamp after STOP"));
      } else if (TakeWord("REPEATS")) {
        RETURN_IF_ERROR(Expect(Tok::kNumber, "a number after REPEATS"));
        if (!TakeWord("TIMES")) return Unexpected("TIMES");
      } else {
        return absl::OkStatus();
      }
    }
  }

  absl::Status Comparisons(int depth) {
    while (true) {
      RETURN_IF_ERROR(Test(depth));
      if (!TakeWord("AND") && !TakeWord("OR")) return absl::OkStatus();
    }
  }

  absl::Status Test(int depth) {
    if (Peek().kind == Tok::kLParen) {
      RETURN_IF_ERROR(Deeper(depth));
      Take();
      RETURN_IF_ERROR(Comparisons(depth + 1));
      return Expect(Tok::kRParen, "')'");
    }
    PatternComparison c;
    if (TakeWord("EXISTS")) {
      c.op = PatternOp::kExists;
      RETURN_IF_ERROR(Path(c));
      out_.push_back(std::move(c));
      return absl::OkStatus();
    }
    RETURN_IF_ERROR(Path(c));
    c.negated = TakeWord("NOT");
    RETURN_IF_ERROR(Operator(c));
    out_.push_back(std::move(c));
    return absl::OkStatus();
  }

  absl::Status Path(PatternComparison& c) {
    if (Peek().kind != Tok::kWord) return Unexpected("an object type");
    c.object_type = std::string(Take().text);
    RETURN_IF_ERROR(Expect(Tok::kColon, "':' after the object type"));
    RETURN_IF_ERROR(Step(c));
    while (true) {
      if (Peek().kind == Tok::kDot) {
        Take();
        RETURN_IF_ERROR(Step(c));
      } else if (Peek().kind == Tok::kLBrack) {
        Take();
        const Token& index = Peek();
        bool ok = index.kind == Tok::kStar ||
                  (index.kind == Tok::kNumber && index.text.find('.') == std::string_view::npos);
        if (!ok) return Unexpected("a list index or '*'");
        c.path.push_back(fmt::format("[{}]", Take().text));
        RETURN_IF_ERROR(Expect(Tok::kRBrack, "']' after the list index"));
      } else {
        return absl::OkStatus();
      }
    }
  }

  absl::Status Step(PatternComparison& c) {
    const Token& t = Peek();
    if (t.kind == Tok::kWord) {
      c.path.emplace_back(t.text);
    } else if (t.kind == Tok::kString && t.prefix == 0) {
      c.path.push_back(t.value);
    } else {
      return Unexpected("a property name");
    }
    Take();
    return absl::OkStatus();
  }

  absl::Status Operator(PatternComparison& c) {
    const Token& t = Peek();
    if (t.kind == Tok::kOp) {
      static constexpr std::pair<std::string_view, PatternOp> kOps[] = {
          {"=", PatternOp::kEq},  {"!=", PatternOp::kNeq}, {"<", PatternOp::kLt},
          {"<=", PatternOp::kLe}, {">", PatternOp::kGt},   {">=", PatternOp::kGe}};
      for (const auto& [text, op] : kOps) {
        if (t.text == text) c.op = op;
      }
      Take();
      return Literal(c);
    }
    if (TakeWord("IN")) {
      c.op = PatternOp::kIn;
      return Set();
    }
    static constexpr std::pair<std::string_view, PatternOp> kWords[] = {
        {"LIKE", PatternOp::kLike},
        {"MATCHES", PatternOp::kMatches},
        {"ISSUBSET", PatternOp::kIsSubset},
        {"ISSUPERSET", PatternOp::kIsSuperset}};
    for (const auto& [word, op] : kWords) {
      if (TakeWord(word)) {
        c.op = op;
        if (Peek().kind != Tok::kString || Peek().prefix != 0) {
          return Unexpected(fmt::format("a string after {}", word));
        }
        Take();
        return absl::OkStatus();
      }
    }
    return Unexpected("a comparison operator");
  }

  absl::Status Literal(PatternComparison& c) {
    const Token& t = Peek();
    if (t.kind == Tok::kString) {
      c.string_value = t.prefix == 0;
      if (c.string_value) c.value = t.value;
    } else if (t.kind != Tok::kNumber && !PeekWord("true") && !PeekWord("false")) {
      return Unexpected("a value");
    }
    Take();
    return absl::OkStatus();
  }

  absl::Status Set() {
    RETURN_IF_ERROR(Expect(Tok::kLParen, "'(' after IN"));
    if (Peek().kind == Tok::kRParen) {
      Take();
      return absl::OkStatus();
    }
    PatternComparison ignored;
    while (true) {
      RETURN_IF_ERROR(Literal(ignored));
      if (Peek().kind == Tok::kRParen) {
        Take();
        return absl::OkStatus();
      }
      RETURN_IF_ERROR(Expect(Tok::kComma, "',' or ')'"));
    }
  }

  std::vector<Token> tokens_;  // ends with kEnd
  size_t pos_ = 0;
  std::vector<PatternComparison> out_;
};

std::string CanonicalHashName(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c != '-' && c != '_') out += Lower(c);
  }
  return out;
}

// "1.2.3.4/32" names one address: keep it as that address.
absl::StatusOr<Indicator> HostIfFullPrefix(Indicator network) {
  if (network.type != IndicatorType::kNetwork) return network;
  const size_t slash = network.value.rfind('/');
  const bool v6 = network.value.find(':') != std::string::npos;
  if (network.value.substr(slash + 1) != (v6 ? "128" : "32")) return network;
  return ParseIndicatorAs(v6 ? IndicatorType::kIpv6 : IndicatorType::kIpv4,
                          std::string_view(network.value).substr(0, slash));
}

absl::StatusOr<Indicator> ParseTrafficEnd(std::string_view text) {
  ASSIGN_OR_RETURN(Indicator ind, ParseIndicator(text));
  if (IsIpType(ind.type) || ind.type == IndicatorType::kDomain) return ind;
  if (ind.type == IndicatorType::kNetwork) return HostIfFullPrefix(std::move(ind));
  return absl::InvalidArgumentError(fmt::format("not an IP address or domain: '{}' is {}",
                                                ind.value, IndicatorTypeName(ind.type)));
}

absl::StatusOr<Indicator> ValueFor(const PatternComparison& c, IndicatorType type) {
  if (IsIpType(type)) return ParseStixAddress(type, c.value);
  return ParseIndicatorAs(type, c.value);
}

// The loupe type of a supported path; nullopt for the rest. kNetwork stands for
// network-traffic's ends, which may be an address, a network or a domain.
std::optional<IndicatorType> TypeOfPath(const PatternComparison& c) {
  const auto& p = c.path;
  if (p.size() == 1 && p[0] == "value") {
    if (c.object_type == "ipv4-addr") return IndicatorType::kIpv4;
    if (c.object_type == "ipv6-addr") return IndicatorType::kIpv6;
    if (c.object_type == "domain-name") return IndicatorType::kDomain;
    if (c.object_type == "url") return IndicatorType::kUrl;
    return std::nullopt;
  }
  if (c.object_type == "file" && p.size() == 2 && p[0] == "hashes") return HashTypeFromName(p[1]);
  if (c.object_type == "network-traffic" && p.size() == 2 &&
      (p[0] == "dst_ref" || p[0] == "src_ref") && p[1] == "value") {
    return IndicatorType::kNetwork;
  }
  return std::nullopt;
}

}  // namespace

absl::StatusOr<std::vector<PatternComparison>> ParseStixPattern(std::string_view pattern) {
  if (pattern.size() > kMaxStixPatternBytes) {
    return absl::InvalidArgumentError(
        fmt::format("pattern longer than {} bytes", kMaxStixPatternBytes));
  }
  ASSIGN_OR_RETURN(std::vector<Token> tokens, Lexer(pattern).Run());
  return Parser(std::move(tokens)).Run();
}

std::string PatternPathText(const PatternComparison& c) {
  std::string out = c.object_type + ":";
  for (size_t i = 0; i < c.path.size(); ++i) {
    if (i > 0 && !c.path[i].starts_with('[')) out += '.';
    out += c.path[i];
  }
  return out;
}

absl::StatusOr<std::optional<Indicator>> IndicatorFromComparison(const PatternComparison& c) {
  if (c.op != PatternOp::kEq || c.negated || !c.string_value) return std::nullopt;
  std::optional<IndicatorType> type = TypeOfPath(c);
  if (!type) return std::nullopt;
  absl::StatusOr<Indicator> ind =
      *type == IndicatorType::kNetwork ? ParseTrafficEnd(c.value) : ValueFor(c, *type);
  if (!ind.ok()) {
    return absl::InvalidArgumentError(
        fmt::format("{}: {}", PatternPathText(c), std::string(ind.status().message())));
  }
  return std::optional<Indicator>(*std::move(ind));
}

absl::StatusOr<Indicator> ParseStixAddress(IndicatorType type, std::string_view text) {
  if (text.find('/') == std::string_view::npos) return ParseIndicatorAs(type, text);
  ASSIGN_OR_RETURN(Indicator network, ParseIndicatorAs(IndicatorType::kNetwork, text));
  const bool v6 = network.value.find(':') != std::string::npos;
  if (v6 != (type == IndicatorType::kIpv6)) {
    return absl::InvalidArgumentError(fmt::format("not a valid {} network: '{}' is {}",
                                                  IndicatorTypeName(type), network.value,
                                                  v6 ? "IPv6" : "IPv4"));
  }
  return HostIfFullPrefix(std::move(network));
}

std::optional<IndicatorType> HashTypeFromName(std::string_view name) {
  std::string canonical = CanonicalHashName(name);
  if (canonical == "md5") return IndicatorType::kMd5;
  if (canonical == "sha1") return IndicatorType::kSha1;
  if (canonical == "sha256") return IndicatorType::kSha256;
  return std::nullopt;
}

}  // namespace loupe
