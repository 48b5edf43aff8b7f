// Address ranges as RDAP writes IP networks (startAddress .. endAddress), turned into the
// CIDR networks loupe keys on. Thread-safe, pure.
#ifndef LOUPE_FORMATS_RDAP_IP_RANGE_H_
#define LOUPE_FORMATS_RDAP_IP_RANGE_H_

#include <cstddef>
#include <vector>

#include "absl/status/statusor.h"
#include "loupe/model/ip.h"

namespace loupe {

// The minimal list of CIDR networks whose union is exactly [first, last] (both included),
// in address order. The minimal cover is unique: each network is the largest aligned block
// that starts where the previous one ended. An IPv4 range needs at most 62 networks, an
// IPv6 range at most 254.
//
// InvalidArgument when the ends are of different families, when first > last, or when
// the cover needs more than `max_networks` networks (the reason names the range).
absl::StatusOr<std::vector<IpNetwork>> CoverRange(const IpAddress& first, const IpAddress& last,
                                                  size_t max_networks);

}  // namespace loupe

#endif  // LOUPE_FORMATS_RDAP_IP_RANGE_H_
