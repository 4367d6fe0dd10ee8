;; `hostile`: world `airssys:test-guests/hostile` (tests/guests/wit). Each export misbehaves in one way,
;; so tests can prove that the host's deadlines, memory caps and trap handling hold.
;;
;; The memory starts at one page and declares NO maximum: only the host's cap stops `hog`.
;; Core names follow jco 1.13.0's dummy for this world (`cm32p2||<func>` for world-level exports).
(module
  (memory $mem 1)
  (global $heap_base i32 (i32.const 1024))
  (global $bump (mut i32) (i32.const 1024))

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

  ;; spin: func() — an infinite loop.
  (func (export "cm32p2||spin")
    (loop $forever (br $forever)))

  ;; hog: func(pages-per-step: u32) -> u32 — grow until `memory.grow` returns -1, then report the size.
  (func (export "cm32p2||hog") (param $step i32) (result i32)
    (if (i32.eqz (local.get $step)) (then (local.set $step (i32.const 1))))
    (block $full
      (loop $more
        (br_if $full (i32.eq (memory.grow (local.get $step)) (i32.const -1)))
        (br $more)))
    (memory.size))

  ;; hog-trap: func() — like a guest that cannot handle OOM: traps once growth fails.
  (func (export "cm32p2||hog-trap")
    (loop $more
      (if (i32.eq (memory.grow (i32.const 16)) (i32.const -1)) (then unreachable))
      (br $more)))

  ;; boom: func() — traps at once.
  (func (export "cm32p2||boom")
    unreachable)

  ;; recurse: func(depth: u32) -> u32 — `1 + recurse(depth - 1)`, so every level keeps a frame.
  (func $recurse (export "cm32p2||recurse") (param $depth i32) (result i32)
    (if (result i32) (i32.eqz (local.get $depth))
      (then (i32.const 0))
      (else
        (i32.add
          (call $recurse (i32.sub (local.get $depth) (i32.const 1)))
          (i32.const 1)))))

  ;; add: func(a: u32, b: u32) -> u32
  (func (export "cm32p2||add") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))

  ;; echo: func(bytes: list<u8>) -> list<u8> — a real copy into fresh memory; the return area is at 16.
  (func (export "cm32p2||echo") (param $ptr i32) (param $len i32) (result i32)
    (local $out i32)
    (local.set $out (call $realloc (i32.const 0) (i32.const 0) (i32.const 1) (local.get $len)))
    (memory.copy (local.get $out) (local.get $ptr) (local.get $len))
    (i32.store (i32.const 16) (local.get $out))
    (i32.store (i32.const 20) (local.get $len))
    (i32.const 16))

  ;; Post-return of `echo`: the host has read the list; free everything of this call.
  (func (export "cm32p2||echo_post") (param i32)
    (global.set $bump (global.get $heap_base)))

  ;; poke: func(offset: u32, bytes: list<u8>) — copies the argument (lowered by the host into the heap) to `offset`.
  (func (export "cm32p2||poke") (param $offset i32) (param $ptr i32) (param $len i32)
    (memory.copy (local.get $offset) (local.get $ptr) (local.get $len))
    (global.set $bump (global.get $heap_base)))

  ;; peek: func(offset: u32, len: u32) -> list<u8> — returns its memory in place, no copy.
  (func (export "cm32p2||peek") (param $offset i32) (param $len i32) (result i32)
    (i32.store (i32.const 16) (local.get $offset))
    (i32.store (i32.const 20) (local.get $len))
    (i32.const 16))

  (export "cm32p2_memory" (memory $mem))
)
