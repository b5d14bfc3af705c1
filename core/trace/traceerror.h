#pragma once

#include "support/error.h"

namespace sessionscope {

// A malformed trace. The message reads "FILE:LINE: what is wrong" (or "FILE: what is wrong" for
// problems with the file as a whole).
class TraceError : public MessageError
{
public:
    using MessageError::MessageError;
};

} // namespace sessionscope
