#pragma once
// File names made from data (a township's name in its map sheet's name), by one rule, so that a
// name from any county office gives a file every filesystem and every office PC accepts.

#include <cstddef>
#include <set>
#include <string>
#include <string_view>

namespace respgrid::exporters {

// The longest part file_name_part() returns, in bytes. A sheet's name is a code (at most 24
// bytes), '_', this part, a suffix such as "_owners.csv" and the staging suffix ".partial.csv":
// 131 bytes, under the smallest limit among the filesystems an office meets (eCryptfs: 143
// bytes; ext4, XFS, Btrfs: 255 bytes; NTFS, exFAT, APFS: 255 UTF-16 units).
inline constexpr std::size_t kMaxNamePartBytes = 80;

// `text` as a part of a file name: control characters, path separators, the characters Windows
// refuses (< > : " / \ | ? *) and bytes that are not UTF-8 become '_'; leading and trailing
// spaces and dots go (Windows drops them); a Windows device name (CON, NUL, COM1...) gets a '_'
// after it; the result is cut to `max_bytes` without splitting a UTF-8 character. Never empty.
std::string file_name_part(std::string_view text, std::size_t max_bytes = kMaxNamePartBytes);

// Names unique within one run (one output folder): a name met again gets "_2", "_3", ...
// Names are compared without ASCII case, as Windows and macOS compare them.
class UniqueFileNames {
public:
    std::string take(const std::string& name);

private:
    std::set<std::string> taken_;
};

}  // namespace respgrid::exporters
