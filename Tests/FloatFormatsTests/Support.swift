@_exported import FloatLabTestSupport
