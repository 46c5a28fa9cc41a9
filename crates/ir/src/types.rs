//! LLVM types as owned values, with the x86-64 layout tierlift needs.

use std::sync::Arc;

/// An LLVM type.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Type {
    /// `void`.
    #[default]
    Void,
    /// `iN`.
    Int(u32),
    /// `half` (storage only).
    Half,
    /// `float`.
    Float,
    /// `double`.
    Double,
    /// `ptr` (any address space).
    Ptr,
    /// `<len x elem>`.
    Vector(u32, Box<Type>),
    /// `[len x elem]`.
    Array(u64, Box<Type>),
    /// A literal or identified struct.
    Struct(Arc<StructType>),
    /// `label`.
    Label,
    /// `metadata`.
    Metadata,
    /// Anything else (`x86_fp80`, `fp128`, `token`, scalable vectors, ...), by its printed name.
    Other(String),
}

/// A struct type with its layout (from the module's data layout).
#[derive(Clone, Debug, PartialEq)]
pub struct StructType {
    /// Field types.
    pub fields: Vec<Type>,
    /// Byte offset of each field.
    pub offsets: Vec<u64>,
    /// Allocation size in bytes.
    pub size: u64,
    /// ABI alignment in bytes.
    pub align: u64,
    /// Whether the struct is `<{ ... }>`.
    pub packed: bool,
}

impl Type {
    /// `i1`.
    pub const BOOL: Type = Type::Int(1);

    /// Store size in bytes: the bytes a load or store touches.
    pub fn store_size(&self) -> u64 {
        match self {
            Type::Int(bits) => u64::from(*bits).div_ceil(8),
            Type::Vector(n, elem) => (u64::from(*n) * elem.bit_width()).div_ceil(8),
            t if t.is_x86_fp80() => 10,
            _ => self.alloc_size(),
        }
    }

    /// Width in bits of a scalar (or a vector's total width).
    pub fn bit_width(&self) -> u64 {
        match self {
            Type::Int(bits) => u64::from(*bits),
            Type::Half => 16,
            Type::Float => 32,
            Type::Double | Type::Ptr => 64,
            Type::Vector(n, elem) => u64::from(*n) * elem.bit_width(),
            t if t.is_x86_fp80() => 80,
            other => other.alloc_size() * 8,
        }
    }

    /// Allocation size in bytes (store size rounded up to the ABI alignment): the stride in arrays and GEPs.
    pub fn alloc_size(&self) -> u64 {
        match self {
            Type::Void | Type::Label | Type::Metadata => 0,
            Type::Int(_) | Type::Vector(..) => self.store_size().next_multiple_of(self.align()),
            Type::Half => 2,
            Type::Float => 4,
            Type::Double | Type::Ptr => 8,
            Type::Array(n, elem) => n * elem.alloc_size(),
            Type::Struct(s) => s.size,
            Type::Other(name) if name == "x86_fp80" || name == "fp128" => 16,
            Type::Other(_) => 0,
        }
    }

    /// ABI alignment in bytes.
    pub fn align(&self) -> u64 {
        match self {
            Type::Int(bits) => match bits {
                0..=8 => 1,
                9..=16 => 2,
                17..=32 => 4,
                33..=64 => 8,
                _ => 16,
            },
            Type::Half => 2,
            Type::Float => 4,
            Type::Double | Type::Ptr => 8,
            Type::Vector(..) => self.store_size().next_power_of_two().clamp(1, 64),
            Type::Array(_, elem) => elem.align(),
            Type::Struct(s) => s.align,
            Type::Other(_) => 16,
            Type::Void | Type::Label | Type::Metadata => 1,
        }
    }

    /// Whether this is `iN` for some N.
    pub fn is_int(&self) -> bool {
        matches!(self, Type::Int(_))
    }

    /// Whether this is `x86_fp80` (C's `long double` on x86-64).
    pub fn is_x86_fp80(&self) -> bool {
        matches!(self, Type::Other(name) if name == "x86_fp80")
    }

    /// Whether this is `fp128` (C's `__float128`).
    pub fn is_fp128(&self) -> bool {
        matches!(self, Type::Other(name) if name == "fp128")
    }

    /// Whether this is `float` or `double`.
    pub fn is_float(&self) -> bool {
        matches!(self, Type::Float | Type::Double)
    }

    /// The element type of a vector, or the type itself.
    pub fn scalar(&self) -> &Type {
        match self {
            Type::Vector(_, e) => e,
            t => t,
        }
    }

    /// Lane count of a vector type.
    pub fn lanes(&self) -> Option<u32> {
        match self {
            Type::Vector(n, _) => Some(*n),
            _ => None,
        }
    }

    /// For aggregate types: the type of member `index` and its byte offset.
    pub fn member(&self, index: u64) -> Option<(&Type, u64)> {
        match self {
            Type::Struct(s) => {
                let i = usize::try_from(index).ok()?;
                Some((s.fields.get(i)?, s.offsets[i]))
            }
            Type::Array(n, elem) if index < *n => Some((elem, index * elem.alloc_size())),
            Type::Vector(n, elem) if index < u64::from(*n) => Some((elem, index * elem.alloc_size())),
            _ => None,
        }
    }
}

impl std::fmt::Display for Type {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Type::Void => write!(f, "void"),
            Type::Int(b) => write!(f, "i{b}"),
            Type::Half => write!(f, "half"),
            Type::Float => write!(f, "float"),
            Type::Double => write!(f, "double"),
            Type::Ptr => write!(f, "ptr"),
            Type::Vector(n, e) => write!(f, "<{n} x {e}>"),
            Type::Array(n, e) => write!(f, "[{n} x {e}]"),
            Type::Struct(s) => {
                write!(f, "{}{{ ", if s.packed { "<" } else { "" })?;
                for (i, t) in s.fields.iter().enumerate() {
                    write!(f, "{}{t}", if i > 0 { ", " } else { "" })?;
                }
                write!(f, " }}{}", if s.packed { ">" } else { "" })
            }
            Type::Label => write!(f, "label"),
            Type::Metadata => write!(f, "metadata"),
            Type::Other(s) => write!(f, "{s}"),
        }
    }
}
