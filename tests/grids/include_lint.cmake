# Fails when a file under grids/ includes a GDAL, OGR, CPL or SQLite header (STYLE.md §4.1:
# the domain stays pure; only geo/ and store/ talk to those libraries).
# Usage: cmake -DDIR=<grids folder> -P include_lint.cmake
file(GLOB_RECURSE files "${DIR}/*.hpp" "${DIR}/*.cpp" "${DIR}/*.h")
set(bad "")
foreach(f IN LISTS files)
  file(STRINGS "${f}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"](gdal|ogr|cpl_|sqlite3|spatialite)")
  foreach(line IN LISTS lines)
    list(APPEND bad "${f}: ${line}")
  endforeach()
endforeach()
list(LENGTH files count)
if(count EQUAL 0)
  message(FATAL_ERROR "no source files found under ${DIR}")
endif()
if(bad)
  list(JOIN bad "\n" text)
  message(FATAL_ERROR "grids/ must not include GDAL/OGR/CPL/SQLite headers:\n${text}")
endif()
