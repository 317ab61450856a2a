# cmake -P script: writes a .cc holding the file IN as `NAME`, a
# std::string_view in namespace NAMESPACE, so a binary carries it.
file(READ ${IN} text)
file(WRITE ${OUT}.tmp
"// Generated from ${IN} by cmake/EmbedText.cmake. Do not edit.
#include <string_view>

namespace ${NAMESPACE} {
extern const std::string_view ${NAME};
const std::string_view ${NAME} = R\"sentra_text(${text})sentra_text\";
}  // namespace ${NAMESPACE}
")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
