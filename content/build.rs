//! The shipped course packs are embedded in the binary (`pack::shipped`): rebuild when any
//! file under `packs/` is added, changed or removed.
fn main() {
    println!("cargo:rerun-if-changed=packs");
}
