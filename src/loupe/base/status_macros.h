// Status propagation helpers. Debian's abseil (20220623) ships no status macros, so loupe
// keeps these two. They are the only way errors travel across layers: no exceptions.
#ifndef LOUPE_BASE_STATUS_MACROS_H_
#define LOUPE_BASE_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define LOUPE_CONCAT_INNER_(a, b) a##b
#define LOUPE_CONCAT_(a, b) LOUPE_CONCAT_INNER_(a, b)

// Returns from the current function when `expr` (an absl::Status) is not OK.
#define RETURN_IF_ERROR(expr)                      \
  do {                                             \
    ::absl::Status loupe_status_ = (expr);         \
    if (!loupe_status_.ok()) return loupe_status_; \
  } while (0)

// ASSIGN_OR_RETURN(lhs, expr): evaluates `expr` (an absl::StatusOr<T>); on error returns its
// status, otherwise moves the value into `lhs` (which may be a declaration).
#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL_(LOUPE_CONCAT_(loupe_statusor_, __LINE__), lhs, expr)
// `tmp` is an identifier and `lhs` may be a declaration: neither can be parenthesized.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                           \
  if (!tmp.ok()) return tmp.status();          \
  lhs = std::move(tmp).value()
// NOLINTEND(bugprone-macro-parentheses)

#endif  // LOUPE_BASE_STATUS_MACROS_H_
