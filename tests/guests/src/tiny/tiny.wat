;; `tiny`: world `airssys:test-guests/tiny` (tests/guests/wit). The smallest useful component: one export,
;; no memory, no imports; used to measure instantiation cost.
(module
  ;; ping: func() -> u32
  (func (export "cm32p2||ping") (result i32)
    (i32.const 42))
)
