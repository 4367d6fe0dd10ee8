;; `relay`: the airssys world (`airssys:core/component`) written by hand against the canonical ABI, for
;; benchmarks that go through wasm on both sides. It imports only `host-messaging.send`.
;;
;; handle-message:
;;   payload `>rest`            -> send("bench/sink", rest), ok(none); a refused send -> err(internal("send refused"))
;;   with a correlation id      -> ok(some(copy of payload))  (an echo reply)
;;   anything else              -> ok(none), and a counter in memory (address 608) goes up by one
;;
;; Core names follow the convention of jco 1.13.0's wasm-tools (`cm32p2|<interface>@<major>|<func>`), as in echo.wat.
;;
;; Memory map (one page to start, grown by `cabi_realloc` on demand):
;;   64..   static strings (metadata, the send target, the error text)
;;   512    return area, 16 bytes: result<option<list<u8>>, component-error> and result<_, component-error>
;;   544    metadata record, 24 bytes: three (ptr, len) strings
;;   576    return area of `send`, 16 bytes: result<_, messaging-error>
;;   608    counter of messages that were neither forwarded nor answered (i32)
;;   4096.. bump heap; every post-return resets it, so each call starts from an empty heap
(module
  ;; host-messaging.send(target: string, payload: list<u8>) -> result<_, messaging-error>, through a return area.
  (import "cm32p2|airssys:core/host-messaging@1" "send" (func $send (param i32 i32 i32 i32 i32)))

  (memory $mem 1)
  (global $heap_base i32 (i32.const 4096))
  (global $bump (mut i32) (i32.const 4096))

  (data (i32.const 64) "relay")                                      ;; 5 bytes
  (data (i32.const 72) "1.0.0")                                      ;; 5 bytes
  (data (i32.const 80) "Forwards `>` payloads to bench/sink, echoes requests, counts the rest") ;; 69 bytes
  (data (i32.const 160) "bench/sink")                                ;; 10 bytes
  (data (i32.const 176) "send refused")                              ;; 12 bytes

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
    (i32.store8 (i32.const 512) (i32.const 0))   ;; ok, unless a send is refused
    (i32.store8 (i32.const 516) (i32.const 0))   ;; none, unless this is a request
    ;; `>rest`: forward the rest to bench/sink.
    (if (i32.and
          (i32.ne (local.get $payload_len) (i32.const 0))
          (i32.eq (i32.load8_u (local.get $payload_ptr)) (i32.const 0x3e)))
      (then
        (call $send
          (i32.const 160) (i32.const 10)
          (i32.add (local.get $payload_ptr) (i32.const 1)) (i32.sub (local.get $payload_len) (i32.const 1))
          (i32.const 576))
        (if (i32.load8_u (i32.const 576))
          (then
            (i32.store8 (i32.const 512) (i32.const 1))   ;; err
            (i32.store8 (i32.const 516) (i32.const 2))   ;; component-error.internal
            (i32.store (i32.const 520) (i32.const 176))
            (i32.store (i32.const 524) (i32.const 12))))
        (return (i32.const 512))))
    ;; A request: answer with a copy of the payload.
    (if (local.get $corr_disc)
      (then
        (local.set $out (call $realloc (i32.const 0) (i32.const 0) (i32.const 1) (local.get $payload_len)))
        (memory.copy (local.get $out) (local.get $payload_ptr) (local.get $payload_len))
        (i32.store8 (i32.const 516) (i32.const 1))   ;; some
        (i32.store (i32.const 520) (local.get $out))
        (i32.store (i32.const 524) (local.get $payload_len))
        (return (i32.const 512))))
    ;; Anything else: count it.
    (i32.store (i32.const 608) (i32.add (i32.load (i32.const 608)) (i32.const 1)))
    (i32.const 512))
  (export "cm32p2|airssys:core/component-lifecycle@1|handle-message_post" (func $reset))

  ;; handle-callback(correlation-id: string, outcome: result<payload, messaging-error>) -> result<_, component-error>
  (func (export "cm32p2|airssys:core/component-lifecycle@1|handle-callback") (param i32 i32 i32 i32 i32 i32) (result i32)
    (call $ok_unit))
  (export "cm32p2|airssys:core/component-lifecycle@1|handle-callback_post" (func $reset))

  ;; metadata() -> component-metadata
  (func (export "cm32p2|airssys:core/component-lifecycle@1|metadata") (result i32)
    (i32.store (i32.const 544) (i32.const 64))
    (i32.store (i32.const 548) (i32.const 5))
    (i32.store (i32.const 552) (i32.const 72))
    (i32.store (i32.const 556) (i32.const 5))
    (i32.store (i32.const 560) (i32.const 80))
    (i32.store (i32.const 564) (i32.const 69))
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
