;; `echo`: the airssys world (`airssys:core/component`) written by hand against the canonical ABI.
;;
;; Core names follow the convention that jco 1.13.0's wasm-tools prints for a dummy of this world
;; (`cm32p2|<interface>@<major>|<func>`, `cm32p2_memory`, `cm32p2_realloc`); `componentNew` lifts them.
;;
;; Memory map (one page to start, grown by `cabi_realloc` on demand):
;;   64..   static strings (metadata, log line)
;;   512    return area, 16 bytes: result<option<list<u8>>, component-error> and result<_, component-error>
;;   544    metadata record, 24 bytes: three (ptr, len) strings
;;   4096.. bump heap; every post-return resets it, so each call starts from an empty heap
(module
  ;; host-services.log(level: log-level, message: string); log-level `info` is 2.
  (import "cm32p2|airssys:core/host-services@1" "log" (func $log (param i32 i32 i32)))

  (memory $mem 1)
  (global $heap_base i32 (i32.const 4096))
  (global $bump (mut i32) (i32.const 4096))

  (data (i32.const 64) "echo")                                        ;; 4 bytes
  (data (i32.const 72) "1.0.0")                                       ;; 5 bytes
  (data (i32.const 80) "Replies to every message with a copy of its payload") ;; 51 bytes
  (data (i32.const 160) "echo: one-byte payload")                     ;; 22 bytes

  ;; realloc(old-ptr, old-size, align, new-size) -> ptr: a bump allocator that grows memory when needed.
  (func $realloc (export "cm32p2_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
    (local $ptr i32)
    (local $end i32)
    (local.set $ptr
      (i32.and
        (i32.add (global.get $bump) (i32.sub (local.get $align) (i32.const 1)))
        (i32.sub (i32.const 0) (local.get $align))))
    (local.set $end (i32.add (local.get $ptr) (local.get $size)))
    (if (i32.gt_u (local.get $end) (i32.mul (memory.size) (i32.const 65536)))
      (then
        (if (i32.eq
              (memory.grow
                (i32.shr_u
                  (i32.add
                    (i32.sub (local.get $end) (i32.mul (memory.size) (i32.const 65536)))
                    (i32.const 65535))
                  (i32.const 16)))
              (i32.const -1))
          (then unreachable))))
    (if (local.get $old)
      (then
        (memory.copy (local.get $ptr) (local.get $old)
          (select (local.get $old_size) (local.get $size)
            (i32.lt_u (local.get $old_size) (local.get $size))))))
    (global.set $bump (local.get $end))
    (local.get $ptr))

  ;; Post-return: the host has read the results; free everything of this call.
  (func $reset (param i32)
    (global.set $bump (global.get $heap_base)))

  ;; Writes `ok` (discriminant 0) into the return area.
  (func $ok_unit (result i32)
    (i32.store8 (i32.const 512) (i32.const 0))
    (i32.const 512))

  ;; initialize(config: list<tuple<string, string>>) -> result<_, component-error>
  (func (export "cm32p2|airssys:core/component-lifecycle@1|initialize") (param i32 i32) (result i32)
    (call $ok_unit))
  (export "cm32p2|airssys:core/component-lifecycle@1|initialize_post" (func $reset))

  ;; handle-message(msg: message) -> result<option<payload>, component-error>
  ;; msg flattens to: sender (ptr, len), payload (ptr, len), correlation-id (disc, ptr, len), topic (disc, ptr, len).
  (func (export "cm32p2|airssys:core/component-lifecycle@1|handle-message")
    (param $sender_ptr i32) (param $sender_len i32)
    (param $payload_ptr i32) (param $payload_len i32)
    (param $corr_disc i32) (param $corr_ptr i32) (param $corr_len i32)
    (param $topic_disc i32) (param $topic_ptr i32) (param $topic_len i32)
    (result i32)
    (local $out i32)
    ;; Benchmarks use a one-byte payload to measure a guest -> host import.
    (if (i32.eq (local.get $payload_len) (i32.const 1))
      (then (call $log (i32.const 2) (i32.const 160) (i32.const 22))))
    (local.set $out (call $realloc (i32.const 0) (i32.const 0) (i32.const 1) (local.get $payload_len)))
    (memory.copy (local.get $out) (local.get $payload_ptr) (local.get $payload_len))
    (i32.store8 (i32.const 512) (i32.const 0))   ;; ok
    (i32.store8 (i32.const 516) (i32.const 1))   ;; some
    (i32.store (i32.const 520) (local.get $out))
    (i32.store (i32.const 524) (local.get $payload_len))
    (i32.const 512))
  (export "cm32p2|airssys:core/component-lifecycle@1|handle-message_post" (func $reset))

  ;; handle-callback(correlation-id: string, outcome: result<payload, messaging-error>) -> result<_, component-error>
  (func (export "cm32p2|airssys:core/component-lifecycle@1|handle-callback") (param i32 i32 i32 i32 i32 i32) (result i32)
    (call $ok_unit))
  (export "cm32p2|airssys:core/component-lifecycle@1|handle-callback_post" (func $reset))

  ;; metadata() -> component-metadata
  (func (export "cm32p2|airssys:core/component-lifecycle@1|metadata") (result i32)
    (i32.store (i32.const 544) (i32.const 64))
    (i32.store (i32.const 548) (i32.const 4))
    (i32.store (i32.const 552) (i32.const 72))
    (i32.store (i32.const 556) (i32.const 5))
    (i32.store (i32.const 560) (i32.const 80))
    (i32.store (i32.const 564) (i32.const 51))
    (i32.const 544))
  (export "cm32p2|airssys:core/component-lifecycle@1|metadata_post" (func $reset))

  ;; health() -> health-status (`healthy` is 0)
  (func (export "cm32p2|airssys:core/component-lifecycle@1|health") (result i32)
    (i32.const 0))

  ;; shutdown() -> result<_, component-error>
  (func (export "cm32p2|airssys:core/component-lifecycle@1|shutdown") (result i32)
    (call $ok_unit))
  (export "cm32p2|airssys:core/component-lifecycle@1|shutdown_post" (func $reset))

  (export "cm32p2_memory" (memory $mem))
)
