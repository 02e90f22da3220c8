//! What the simulation knows of each person: a status and flags in one
//! byte, and the replication-long counters beside them.

/// Bits of [`Person::state`]: the status, then replication-long flags.
pub(super) mod state {
    /// The two status bits.
    pub const STATUS_MASK: u8 = 0b11;
    /// Not a customer yet.
    pub const PROSPECT: u8 = 0;
    /// A customer.
    pub const CUSTOMER: u8 = 1;
    /// Was a customer; never returns.
    pub const FORMER: u8 = 2;
    /// A prospect deterred by bad news; never converts.
    pub const DETERRED: u8 = 3;
    /// The person's complaint was resolved earlier (recovery paradox applies).
    pub const RECOVERED: u8 = 1 << 2;
    /// The person has heard a negative story in this replication.
    pub const HEARD_NEGATIVE: u8 = 1 << 3;
}

/// Bits of [`Person::flags`]: what happened this period, cleared at its end.
pub(super) mod flag {
    /// The class's stay draw failed.
    pub const LEAVE_DIRECT: u8 = 1 << 0;
    /// A hearsay churn draw succeeded.
    pub const LEAVE_HEARSAY: u8 = 1 << 1;
    /// A referral draw succeeded.
    pub const REFERRED: u8 = 1 << 2;
    /// Originator of a story of tone `t`: `ORIGIN << t.index()`.
    pub const ORIGIN: u8 = 1 << 3;
    // 1 << 4 is `ORIGIN << 1` (a positive story).
    /// The business parts with the customer at the end of the period.
    pub const PARTED: u8 = 1 << 5;
}

/// Where each byte of a [`Person`] sits when the person is read as one
/// 32-bit word (`bytemuck::cast_mut`): a shift in bits, whichever the
/// machine's byte order.
pub(super) mod word {
    const fn shift(byte: u32) -> u32 {
        if cfg!(target_endian = "little") {
            8 * byte
        } else {
            24 - 8 * byte
        }
    }
    /// The state byte.
    pub const STATE: u32 = shift(0);
    /// The period's flags.
    pub const FLAGS: u32 = shift(1);
    /// The hop at which tone `t` was heard.
    pub const fn hop(t: usize) -> u32 {
        shift(2 + t as u32)
    }
}

/// One person: four bytes in this order, with nothing between them, so
/// the person can also be read as one 32-bit word ([`word`], and
/// [`clear_period`] for the whole array).
#[derive(Debug, Clone, Copy, Default)]
#[repr(C, align(4))]
pub(super) struct Person {
    /// Status bits and replication-long flags ([`state`]).
    pub state: u8,
    /// Flags of the current period ([`flag`]), cleared at its end.
    pub flags: u8,
    /// Lowest hop at which each tone was heard this period (0 = not heard),
    /// indexed by [`crate::model::Tone::index`].
    pub hop: [u8; 2],
}

// SAFETY: `Person` is `repr(C)` with four `u8` fields and alignment 4:
// size 4, no padding, and every bit pattern is a valid value, which is
// what `Zeroable` and `Pod` require.
unsafe impl bytemuck::Zeroable for Person {}
// SAFETY: as above.
unsafe impl bytemuck::Pod for Person {}

/// Clears every person's period flags and hops, keeping their state byte:
/// one `and` per person over the array read as 32-bit words, which the
/// compiler turns into vector instructions (a loop over the fields stores
/// byte by byte): sixteen people at a time where the CPU has AVX-512
/// (chosen at run time, as in `keys.rs`), four elsewhere.
pub(super) fn clear_period(people: &mut [Person]) {
    #[cfg(target_arch = "x86_64")]
    if super::keys::wide() {
        // SAFETY: `wide` checked that this CPU has the features the
        // function is compiled for.
        unsafe { clear_period_wide(people) };
        return;
    }
    clear_period_lanes(people);
}

#[inline(always)]
fn clear_period_lanes(people: &mut [Person]) {
    let keep = 0xff << word::STATE;
    for word in bytemuck::cast_slice_mut::<Person, u32>(people) {
        *word &= keep;
    }
}

/// [`clear_period_lanes`] compiled for AVX-512.
///
/// # Safety
/// The CPU must have AVX-512 F, DQ and VL.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512dq,avx512vl")]
unsafe fn clear_period_wide(people: &mut [Person]) {
    clear_period_lanes(people);
}

impl Person {
    /// The two status bits.
    #[inline]
    pub fn status(self) -> u8 {
        self.state & state::STATUS_MASK
    }
}

/// The segment of person `u` in a replication's segment list (`Scratch`'s
/// `segment`, borrowed apart from the rest of the scratch): 0 when the list
/// is empty, as it is without segments.
#[inline]
pub(super) fn segment_at(segment: &[u8], u: usize) -> usize {
    segment.get(u).map_or(0, |&g| usize::from(g))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clearing_a_period_keeps_only_the_state() {
        // Both paths (the vector one where the CPU has it, and the plain
        // loop), over 256 people: not a multiple of a vector's 16.
        let clears: [fn(&mut [Person]); 2] = [clear_period, clear_period_lanes];
        for clear in clears {
            let mut people: Vec<Person> = (0..=255u8)
                .map(|b| Person {
                    state: b,
                    flags: b.wrapping_mul(7) | 1,
                    hop: [b | 2, b.wrapping_add(3)],
                })
                .chain(std::iter::once(Person::default()))
                .collect();
            clear(&mut people);
            for (b, q) in (0..=255u8).zip(&people) {
                assert_eq!((q.state, q.flags, q.hop), (b, 0, [0, 0]));
            }
        }
    }

    #[test]
    fn word_shifts_name_the_fields() {
        let person = Person {
            state: 0x12,
            flags: 0x34,
            hop: [0x56, 0x78],
        };
        let w: u32 = bytemuck::cast(person);
        let byte = |shift: u32| (w >> shift) as u8;
        assert_eq!(byte(word::STATE), 0x12);
        assert_eq!(byte(word::FLAGS), 0x34);
        assert_eq!((byte(word::hop(0)), byte(word::hop(1))), (0x56, 0x78));
    }
}
