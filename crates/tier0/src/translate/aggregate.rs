//! `extractvalue` and `insertvalue` over flattened aggregates.

use crate::error::Reason;
use crate::translator::FuncTranslator;
use crate::types;
use cranelift_codegen::ir::Value as CValue;
use tierlift_ir::Value;

pub(crate) fn extract_value(t: &mut FuncTranslator<'_>, agg: &Value, idx: &[u32]) -> Result<Vec<CValue>, Reason> {
    let ty = t.ty_of(agg);
    let leaves = t.get(agg)?;
    let (range, _) = types::member_leaves(&ty, idx)?;
    Ok(leaves[range].to_vec())
}

pub(crate) fn insert_value(
    t: &mut FuncTranslator<'_>,
    agg: &Value,
    val: &Value,
    idx: &[u32],
) -> Result<Vec<CValue>, Reason> {
    let ty = t.ty_of(agg);
    let mut leaves = t.get(agg)?;
    let new = t.get(val)?;
    let (range, _) = types::member_leaves(&ty, idx)?;
    if range.len() != new.len() {
        return Err("insertvalue of a value with the wrong shape".into());
    }
    leaves.splice(range, new);
    Ok(leaves)
}
