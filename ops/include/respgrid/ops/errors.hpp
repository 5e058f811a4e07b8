#pragma once
// The one error a use case adds to the lower layers' (geo/error.hpp, store::StoreError): a
// request that cannot be carried out as asked (conflicting options, a step run before the one it
// needs). The CLI maps it to exit 2, the service to 400.

#include "respgrid/geo/error.hpp"

namespace respgrid::ops {

class UsageError : public Error {
public:
    using Error::Error;
};

}  // namespace respgrid::ops
