# Installs the build into a fresh prefix, then runs `threshold check` from there with no story
# directory given: <prefix>/games/threshold must find <prefix>/share/games/threshold/data by
# itself (BINDIR and SHAREDIR are the install directories, relative to the prefix). To tell that copy from
# the source tree's data/, the test adds one scene to the installed copy only and expects the
# summary to count it.
file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND ${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${PREFIX}"
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed: ${rc}")
endif()
file(GLOB scenes "${PREFIX}/${SHAREDIR}/data/scenes/*.yaml")
list(LENGTH scenes count)
math(EXPR expected "${count} + 1")
file(WRITE "${PREFIX}/${SHAREDIR}/data/scenes/zz_install_marker.yaml"
"scene: zz_install_marker
place: hallway
time: night
beats:
  - id: only
    lines:
      - The installed copy.
")
execute_process(COMMAND "${PREFIX}/${BINDIR}/threshold" check
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "installed threshold check failed (${rc}):\n${out}\n${err}")
endif()
if(NOT out MATCHES "^${expected} scenes, ")
  message(FATAL_ERROR "the installed threshold did not read its own data (expected ${expected} scenes):\n${out}")
endif()
message(STATUS "${out}")
