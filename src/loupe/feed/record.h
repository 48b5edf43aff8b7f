// One parsed record of a feed, before it becomes evidence.
#ifndef LOUPE_INGEST_RECORD_H_
#define LOUPE_INGEST_RECORD_H_

#include <optional>
#include <string>
#include <vector>

#include "loupe/base/time.h"
#include "loupe/model/category.h"
#include "loupe/model/indicator.h"

namespace loupe {

struct IndicatorRecord {
  Indicator indicator;
  UnixSeconds first_seen = 0;  // 0: the time of the ingest run
  UnixSeconds last_seen = 0;
  CategorySet categories = 0;  // added to the run's categories
  std::vector<std::string> labels;
  std::string reference;
  std::optional<uint8_t> confidence;  // the run's confidence when absent
};

}  // namespace loupe

#endif  // LOUPE_INGEST_RECORD_H_
