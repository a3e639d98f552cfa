//! Reference places: the cities, seas and lakes the map names besides its
//! overlay's nodes.
//!
//! Part of the data layer, like the countries' names: a fixed table,
//! generated at build time (`tools/build-data.mjs` writes
//! `places_table.rs` from GeoNames coordinates and CLDR's city names), so
//! nothing is parsed or downloaded at run time. Which of them the map names
//! at a given view, and who wins a collision, is decided by
//! [`crate::scene::labels`].

use crate::data::topology::Lang;
use crate::geo::coords::LonLat;
use std::borrow::Cow;

// Written by tools/build-data.mjs, which checks it byte for byte: not
// rustfmt's to rewrap.
#[rustfmt::skip]
#[path = "places_table.rs"]
mod table;
pub use table::PLACES;

/// How important a place is to the map's story; decides from which zoom it
/// is named and its rank in a label collision.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceClass {
    /// Kazakhstan's capital.
    NationalCapital,
    /// A capital or key city on the corridors, named from the home view.
    Major,
    /// Another capital of the region, named once zoomed in.
    Capital,
    /// A sea or gulf the routes cross or skirt: its name stands on the
    /// water, without a dot.
    Sea,
    /// A lake the routes skirt (the Aral Sea, Balkhash, ...): its name
    /// stands on the lake's own water, without a dot, once it is large
    /// enough on screen.
    Lake,
}

impl PlaceClass {
    /// The lowest zoom at which places of this class are named. The home
    /// view of a 1280×800 screen is at zoom 3.5, of a phone about 2.6.
    pub fn min_zoom(self) -> f64 {
        match self {
            PlaceClass::NationalCapital | PlaceClass::Major | PlaceClass::Sea => 0.0,
            PlaceClass::Capital => 4.0,
            // At zoom 5 Balkhash is 120 px long and the North Aral 25 px
            // wide: their names can stand on them.
            PlaceClass::Lake => 5.0,
        }
    }

    /// True for a body of water (a sea or a lake): named in italics on the
    /// water, without a dot.
    pub fn is_water(self) -> bool {
        matches!(self, PlaceClass::Sea | PlaceClass::Lake)
    }
}

/// One place.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Place {
    /// A stable id (lower-case English name).
    pub id: &'static str,
    /// Where it is.
    pub at: LonLat,
    /// How important it is.
    pub class: PlaceClass,
    /// Its names, in the order of [`Lang::STORED`].
    pub names: [&'static str; 3],
}

impl Place {
    /// The name in one language.
    ///
    /// ```
    /// use bridge_map::data::{places::PLACES, topology::Lang};
    /// let moscow = PLACES.iter().find(|p| p.id == "moscow").unwrap();
    /// assert_eq!(moscow.name(Lang::Kk), "Мәскеу");
    /// assert_eq!(moscow.name(Lang::KkLatn), "Mäskeu");
    /// ```
    pub fn name(&self, lang: Lang) -> Cow<'static, str> {
        lang.write(match lang.stored() {
            Lang::En => self.names[0],
            Lang::Kk | Lang::KkLatn => self.names[1],
            Lang::Ru => self.names[2],
        })
    }
}
