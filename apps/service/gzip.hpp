#pragma once
// gzip (RFC 1952) of a body made once and kept: httplib compresses only the content types it
// knows (text, JSON, JavaScript), not vector tiles, whose grids at zoom 12 are half a megabyte.

#include <string>
#include <string_view>

namespace respgrid::service {

std::string gzip(std::string_view bytes);

}  // namespace respgrid::service
