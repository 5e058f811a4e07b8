# Regenerates the synthetic sample county with data/generate_sample.py into OUT and fails unless
# every generated file is byte-identical to the committed one in data/.
# Usage: cmake -DPYTHON=<python with GDAL and Shapely> -DDATA=<repo>/data -DOUT=<folder> -P sample_reproducible.cmake
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}")
execute_process(COMMAND "${PYTHON}" "${DATA}/generate_sample.py" --out "${OUT}"
  RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "generate_sample.py failed (${rc}):\n${err}")
endif()
set(files townships.geojson villages.geojson roster.csv categories.csv issues.csv issues_expected.csv
  roads.geojson rivers.geojson households.geojson institutions.geojson)
foreach(f IN LISTS files)
  file(SHA256 "${OUT}/${f}" regenerated)
  file(SHA256 "${DATA}/${f}" committed)
  if(NOT regenerated STREQUAL committed)
    message(FATAL_ERROR "data/${f} differs from what generate_sample.py produces now; regenerate and commit it")
  endif()
endforeach()
message(STATUS "all ${files} reproduced byte for byte")
