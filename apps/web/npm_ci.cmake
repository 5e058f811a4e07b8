# cmake -DNPM=npm -DSOURCE=apps/web -DDIR=<build folder> [-DOMIT_DEV=ON] -DSTAMP=<file> -P npm_ci.cmake
# Installs the packages package-lock.json pins into DIR (never into the source tree), then touches
# STAMP: npm gives the files it unpacks their archive's times, which are no use to the build.
# npm's cache is tried before the registry (--prefer-offline), so a rebuild needs no network.
foreach(var NPM SOURCE DIR STAMP)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "npm_ci.cmake: ${var} is not set")
  endif()
endforeach()

# Done already for this lock (the browser test's set-up runs at every ctest).
if(EXISTS ${STAMP} AND ${STAMP} IS_NEWER_THAN ${SOURCE}/package-lock.json
   AND ${STAMP} IS_NEWER_THAN ${SOURCE}/package.json)
  return()
endif()

file(MAKE_DIRECTORY ${DIR})
foreach(name package.json package-lock.json)
  file(COPY_FILE ${SOURCE}/${name} ${DIR}/${name} ONLY_IF_DIFFERENT)
endforeach()

set(args ci --prefer-offline --ignore-scripts --no-audit --no-fund)
if(OMIT_DEV)
  list(APPEND args --omit=dev)
endif()
execute_process(COMMAND ${NPM} ${args} WORKING_DIRECTORY ${DIR}
  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  execute_process(COMMAND ${NPM} config get registry OUTPUT_VARIABLE registry OUTPUT_STRIP_TRAILING_WHITESPACE)
  message(FATAL_ERROR "npm ci failed (${status}) in ${DIR}: the web map's packages "
    "(${SOURCE}/package-lock.json) come from the npm registry ${registry}, which npm could not "
    "reach, and its cache does not hold them. npm said:\n${err}")
endif()
file(TOUCH ${STAMP})
