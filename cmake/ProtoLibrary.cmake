# Compiles a set of .proto files once into one static library per proto area.
# Generated headers live under ${CMAKE_BINARY_DIR}/gen, mirroring proto/.
set(SENTRA_PROTO_ROOT ${CMAKE_SOURCE_DIR}/proto)
set(SENTRA_PROTO_GEN ${CMAKE_BINARY_DIR}/gen)
file(MAKE_DIRECTORY ${SENTRA_PROTO_GEN})

function(sentra_proto_library name)
  cmake_parse_arguments(ARG "GRPC" "" "PROTOS;DEPS" ${ARGN})
  set(srcs)
  foreach(proto ${ARG_PROTOS})
    get_filename_component(abs ${proto} ABSOLUTE)
    file(RELATIVE_PATH rel ${SENTRA_PROTO_ROOT} ${abs})
    string(REGEX REPLACE "\\.proto$" "" stem ${rel})
    set(outs ${SENTRA_PROTO_GEN}/${stem}.pb.cc ${SENTRA_PROTO_GEN}/${stem}.pb.h)
    set(plugin_args)
    if(ARG_GRPC)
      list(APPEND outs ${SENTRA_PROTO_GEN}/${stem}.grpc.pb.cc ${SENTRA_PROTO_GEN}/${stem}.grpc.pb.h)
      set(plugin_args --grpc_out=${SENTRA_PROTO_GEN}
          --plugin=protoc-gen-grpc=$<TARGET_FILE:gRPC::grpc_cpp_plugin>)
    endif()
    add_custom_command(
      OUTPUT ${outs}
      COMMAND protobuf::protoc -I${SENTRA_PROTO_ROOT} -I${Protobuf_INCLUDE_DIRS}
              --cpp_out=${SENTRA_PROTO_GEN} ${plugin_args} ${abs}
      DEPENDS ${abs} protobuf::protoc
      COMMENT "protoc ${rel}"
      VERBATIM)
    list(APPEND srcs ${outs})
  endforeach()
  add_library(${name} STATIC ${srcs})
  if(SENTRA_FUZZ)
    # Generated code is protobuf's, not ours to fuzz; uninstrumented it
    # compiles several times faster.
    target_compile_options(${name} PRIVATE -fno-sanitize=all)
  endif()
  target_include_directories(${name} SYSTEM PUBLIC ${SENTRA_PROTO_GEN})
  target_link_libraries(${name} PUBLIC protobuf::libprotobuf ${ARG_DEPS})
  if(ARG_GRPC)
    target_link_libraries(${name} PUBLIC gRPC::grpc++)
  endif()
endfunction()

# A library `name` holding the migrations in `dir` as `${namespace}::Migrations()`.
function(sentra_migrations name dir namespace)
  file(GLOB sql CONFIGURE_DEPENDS ${dir}/*.sql)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/${name}.cc)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DDIR=${dir} -DOUT=${out} -DNAMESPACE=${namespace}
            -P ${CMAKE_SOURCE_DIR}/cmake/EmbedMigrations.cmake
    DEPENDS ${sql} ${CMAKE_SOURCE_DIR}/cmake/EmbedMigrations.cmake
    COMMENT "embedding migrations of ${dir}"
    VERBATIM)
  add_library(${name} STATIC ${out})
  target_link_libraries(${name} PUBLIC sentra_db)
endfunction()
