//! Hit-testing on real places: cities map to their country, seas to nothing.

mod common;

use bridge_map::geo::coords::LonLat;

fn country_at(lon: f64, lat: f64) -> Option<&'static str> {
    let bm = common::basemap();
    bm.country_at(LonLat::new(lon, lat))
        .map(|i| bm.countries[i].id.as_str())
}

#[test]
fn inland_cities_are_in_their_country() {
    // Coordinates from GeoNames (via ../shared/reference/corridors.md where listed).
    let cities: [(&str, f64, f64, &str); 24] = [
        ("Astana", 71.446, 51.180, "KAZ"),
        ("Almaty", 76.912, 43.253, "KAZ"),
        ("Karaganda", 73.102, 49.802, "KAZ"),
        ("Zhezkazgan", 67.706, 47.794, "KAZ"),
        ("Shymkent", 69.600, 42.310, "KAZ"),
        ("Moscow", 37.618, 55.752, "RUS"),
        ("Novosibirsk", 82.934, 55.041, "RUS"),
        ("Bilibino (Chukotka)", 166.437, 68.059, "RUS"),
        ("Urumqi", 87.601, 43.801, "CHN"),
        ("Xi'an", 108.929, 34.258, "CHN"),
        ("Lanzhou", 103.840, 36.057, "CHN"),
        ("Bishkek", 74.590, 42.870, "KGZ"),
        ("Tashkent", 69.240, 41.311, "UZB"),
        ("Ashgabat", 58.383, 37.950, "TKM"),
        ("Tbilisi", 44.834, 41.691, "GEO"),
        ("Ganja", 46.361, 40.682, "AZE"),
        ("Ankara", 32.854, 39.920, "TUR"),
        ("Tehran", 51.422, 35.694, "IRN"),
        ("Minsk", 27.567, 53.900, "BLR"),
        ("Warsaw", 21.012, 52.230, "POL"),
        ("Berlin", 13.405, 52.520, "DEU"),
        ("Kabul", 69.178, 34.529, "AFG"),
        ("Ulaanbaatar", 106.883, 47.917, "MNG"),
        ("Delhi", 77.209, 28.614, "IND"),
    ];
    for (name, lon, lat, iso) in cities {
        assert_eq!(country_at(lon, lat), Some(iso), "{name}");
    }
}

#[test]
fn seas_are_water() {
    let seas = [
        ("Caspian Sea", 51.0, 42.0),
        ("North Caspian off Atyrau", 50.5, 45.5),
        ("Black Sea", 34.0, 43.0),
        ("Mediterranean", 18.0, 35.0),
        ("Arabian Sea", 64.0, 16.0),
        ("Bay of Bengal", 88.0, 15.0),
        ("Sea of Japan", 135.0, 40.0),
        ("Persian Gulf", 52.0, 27.0),
        ("Bering Strait", -169.0, 65.8),
        ("North Atlantic", -20.0, 50.0),
    ];
    for (name, lon, lat) in seas {
        assert_eq!(country_at(lon, lat), None, "{name} should be water");
    }
}

#[test]
fn enclaves_and_places_without_iso_codes() {
    assert_eq!(
        country_at(28.24, -29.6),
        Some("LSO"),
        "Lesotho inside South Africa"
    );
    assert_eq!(country_at(21.17, 42.67), Some("KOS"), "Pristina, Kosovo");
    assert_eq!(country_at(44.06, 9.56), Some("SOL"), "Hargeisa, Somaliland");
    assert_eq!(country_at(33.36, 35.19), Some("CYN"), "North Nicosia");
}

#[test]
fn lakes_are_water_and_their_islands_land() {
    // Points on each lake's open water, checked against the 1:10m source
    // (data/src/lakes.geojson): the countries' polygons cover them, the map
    // finds no country there, as on the Caspian.
    let lakes = [
        ("Lake Balkhash, western basin", 74.5, 46.2),
        ("Lake Balkhash, eastern basin", 78.0, 46.6),
        ("North Aral Sea", 60.8, 46.4),
        ("Aral Sea, western basin", 58.6, 45.3),
        ("Issyk-Kul", 77.3, 42.45),
        ("Lake Baikal", 108.0, 53.5),
        ("Lake Alakol", 81.8, 46.1),
        ("Lake Van", 43.0, 38.6),
        ("Lake Sevan", 45.4, 40.4),
        ("Sarygamysh Lake", 57.5, 42.0),
    ];
    for (name, lon, lat) in lakes {
        assert_eq!(country_at(lon, lat), None, "{name} should be water");
    }
    // Olkhon, Baikal's island (a hole in the lake), is Russia.
    assert_eq!(country_at(107.4, 53.15), Some("RUS"), "Olkhon");
    // Balkhash's shores and Issyk-Kul's are their countries'.
    assert_eq!(country_at(75.5, 45.5), Some("KAZ"), "south of Balkhash");
    assert_eq!(country_at(76.99, 42.0), Some("KGZ"), "south of Issyk-Kul");
}

#[test]
fn the_dry_bed_of_the_former_aral_sea_is_land() {
    // The South Aral's eastern basin has dried out since the 2000s: these
    // points lie inside Natural Earth's older 1:50m outline of the sea, and
    // are land now, on either side of the border that crosses the old sea.
    assert_eq!(
        country_at(59.5, 45.0),
        Some("UZB"),
        "former seabed, Uzbekistan"
    );
    assert_eq!(
        country_at(60.0, 45.0),
        Some("KAZ"),
        "former seabed, Kazakhstan"
    );
}
