//! Photo metadata: where and when the camera says a photo was taken.
//!
//! Reads the EXIF block of a JPEG (APP1 `Exif`) from the file's bytes: the GPS position and the
//! date the photo was taken (`DateTimeOriginal`; `DateTime` is when the file last changed). PNG
//! and HEIC are not read: phones share photos as JPEG, and every format costs the WebAssembly
//! engine size it has little of to spare.
//! Nothing else in the file is looked at, nothing is kept, and any malformed or truncated input
//! simply yields less metadata: every read is bounds-checked, and each directory is read once.

use crate::Gps;
use serde::Serialize;

/// What a photo's metadata says about it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PhotoMetadata {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gps: Option<Gps>,
    /// `YYYY-MM-DDTHH:MM:SS`, as the camera's clock had it (no time zone).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub taken: Option<String>,
}

/// Reads the GPS position and date from a JPEG file's bytes.
pub fn read(bytes: &[u8]) -> PhotoMetadata {
    jpeg_exif(bytes).map(read_tiff).unwrap_or_default()
}

/// The TIFF-structured EXIF block inside a JPEG file.
fn jpeg_exif(bytes: &[u8]) -> Option<&[u8]> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut at = 2;
    loop {
        if *bytes.get(at)? != 0xFF {
            return None;
        }
        // Any number of 0xFF fill bytes may come before the marker code.
        while *bytes.get(at + 1)? == 0xFF {
            at += 1;
        }
        let marker = *bytes.get(at + 1)?;
        at += 2;
        match marker {
            // Start of scan or end of image: metadata segments all come before the image data.
            0xDA | 0xD9 => return None,
            // Markers without a length.
            0x01 | 0xD0..=0xD7 => continue,
            _ => {}
        }
        let len = u16::from_be_bytes([*bytes.get(at)?, *bytes.get(at + 1)?]) as usize;
        let data = bytes.get(at + 2..at + len.max(2))?;
        if marker == 0xE1 {
            if let Some(tiff) = data.strip_prefix(b"Exif\0\0") {
                return Some(tiff);
            }
        }
        at += len.max(2);
    }
}

/// A TIFF block: its byte order, and reads bounded by its length.
struct Tiff<'b> {
    bytes: &'b [u8],
    little_endian: bool,
}

/// One directory entry: tag, field type, value count, and where its value lies.
struct Entry {
    tag: u16,
    kind: u16,
    count: usize,
    /// Offset of the value in the block: inline in the entry when it fits in four bytes.
    at: usize,
}

const ASCII: u16 = 2;
const LONG: u16 = 4;
const RATIONAL: u16 = 5;

const EXIF_IFD: u16 = 0x8769;
const GPS_IFD: u16 = 0x8825;
const DATE_TIME_ORIGINAL: u16 = 0x9003;
const GPS_LATITUDE_REF: u16 = 1;
const GPS_LATITUDE: u16 = 2;
const GPS_LONGITUDE_REF: u16 = 3;
const GPS_LONGITUDE: u16 = 4;

impl<'b> Tiff<'b> {
    fn new(bytes: &'b [u8]) -> Option<Tiff<'b>> {
        let little_endian = match bytes.get(..2)? {
            b"II" => true,
            b"MM" => false,
            _ => return None,
        };
        let tiff = Tiff { bytes, little_endian };
        (tiff.u16(2)? == 42).then_some(tiff)
    }

    fn u16(&self, at: usize) -> Option<u16> {
        let b: [u8; 2] = self.bytes.get(at..at + 2)?.try_into().ok()?;
        Some(if self.little_endian { u16::from_le_bytes(b) } else { u16::from_be_bytes(b) })
    }

    fn u32(&self, at: usize) -> Option<u32> {
        let b: [u8; 4] = self.bytes.get(at..at + 4)?.try_into().ok()?;
        Some(if self.little_endian { u32::from_le_bytes(b) } else { u32::from_be_bytes(b) })
    }

    /// The entries of the directory at `at`.
    fn directory(&self, at: usize) -> Vec<Entry> {
        let Some(count) = self.u16(at) else { return Vec::new() };
        (0..count as usize)
            .map_while(|i| {
                let e = at + 2 + i * 12;
                let (tag, kind, count) = (self.u16(e)?, self.u16(e + 2)?, self.u32(e + 4)? as usize);
                let size: usize = match kind {
                    1 | 2 | 6 | 7 => 1,
                    3 | 8 => 2,
                    4 | 9 | 11 => 4,
                    _ => 8,
                };
                let at = if size.checked_mul(count)? <= 4 { e + 8 } else { self.u32(e + 8)? as usize };
                Some(Entry { tag, kind, count, at })
            })
            .collect()
    }

    fn ascii(&self, e: &Entry) -> Option<&'b str> {
        if e.kind != ASCII {
            return None;
        }
        let raw = self.bytes.get(e.at..e.at.checked_add(e.count)?)?;
        let end = raw.iter().position(|&b| b == 0).unwrap_or(raw.len());
        std::str::from_utf8(&raw[..end]).ok()
    }

    fn pointer(&self, e: &Entry) -> Option<usize> {
        (e.kind == LONG && e.count == 1).then(|| self.u32(e.at)).flatten().map(|p| p as usize)
    }

    /// Degrees, minutes and seconds as three rationals, in decimal degrees.
    fn degrees(&self, e: &Entry) -> Option<f64> {
        if e.kind != RATIONAL || e.count != 3 {
            return None;
        }
        let part = |i: usize| -> Option<f64> {
            let (n, d) = (self.u32(e.at + i * 8)?, self.u32(e.at + i * 8 + 4)?);
            (d != 0).then(|| n as f64 / d as f64)
        };
        Some(part(0)? + part(1)? / 60.0 + part(2)? / 3600.0)
    }
}

fn read_tiff(bytes: &[u8]) -> PhotoMetadata {
    let Some(tiff) = Tiff::new(bytes) else { return PhotoMetadata::default() };
    let ifd0 = tiff.u32(4).map(|p| tiff.directory(p as usize)).unwrap_or_default();
    let find = |dir: &[Entry], tag: u16| dir.iter().position(|e| e.tag == tag);
    let sub = |tag: u16| find(&ifd0, tag).and_then(|i| tiff.pointer(&ifd0[i])).map(|p| tiff.directory(p)).unwrap_or_default();
    let (exif, gps) = (sub(EXIF_IFD), sub(GPS_IFD));

    let taken = find(&exif, DATE_TIME_ORIGINAL).and_then(|i| tiff.ascii(&exif[i])).and_then(camera_date);

    let value = |tag: u16| find(&gps, tag).and_then(|i| tiff.degrees(&gps[i]));
    let hemisphere = |tag: u16| find(&gps, tag).and_then(|i| tiff.ascii(&gps[i])).map(str::trim);
    let signed = |v: f64, r: Option<&str>, negative: &str| if r == Some(negative) { -v } else { v };
    let gps = match (value(GPS_LATITUDE), value(GPS_LONGITUDE)) {
        (Some(lat), Some(lon)) if lat <= 90.0 && lon <= 180.0 && (lat, lon) != (0.0, 0.0) => {
            Some(Gps { lat: signed(lat, hemisphere(GPS_LATITUDE_REF), "S"), lon: signed(lon, hemisphere(GPS_LONGITUDE_REF), "W") })
        }
        _ => None,
    };
    PhotoMetadata { gps, taken }
}

/// "2024:05:01 14:03:22" as "2024-05-01T14:03:22"; blank or malformed dates give nothing.
fn camera_date(raw: &str) -> Option<String> {
    let b = raw.trim().as_bytes();
    let shape_ok = b.len() == 19
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b':' || *c == b'-',
            10 => *c == b' ' || *c == b'T',
            13 | 16 => *c == b':',
            _ => c.is_ascii_digit(),
        });
    if !shape_ok || &b[..4] == b"0000" {
        return None;
    }
    let s = std::str::from_utf8(b).ok()?;
    Some(format!("{}-{}-{}T{}", &s[..4], &s[5..7], &s[8..10], &s[11..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DATE_TIME: u16 = 0x0132;

    /// Latitude (degrees, minutes, seconds x 100) and its reference, then longitude and its.
    pub type Gps = ((u32, u32, u32), &'static str, (u32, u32, u32), &'static str);

    /// A minimal TIFF block with an IFD0 `DateTime`, an Exif directory with `DateTimeOriginal`
    /// and, when given, a GPS directory: degrees, minutes and seconds with their hemispheres.
    pub fn tiff(little_endian: bool, taken: Option<&str>, gps: Option<Gps>) -> Vec<u8> {
        let u16b = |v: u16| if little_endian { v.to_le_bytes().to_vec() } else { v.to_be_bytes().to_vec() };
        let u32b = |v: u32| if little_endian { v.to_le_bytes().to_vec() } else { v.to_be_bytes().to_vec() };
        let entry = |tag: u16, kind: u16, count: u32, value: Vec<u8>| {
            let mut e = [u16b(tag), u16b(kind), u32b(count)].concat();
            e.extend(value);
            e.resize(12, 0);
            e
        };
        let mut out = if little_endian { b"II".to_vec() } else { b"MM".to_vec() };
        out.extend(u16b(42));
        out.extend(u32b(8));
        // IFD0 at 8: DateTime, the Exif pointer and the GPS pointer when there is GPS.
        let entries = if gps.is_some() { 3 } else { 2 };
        let ifd0_len = 2 + entries * 12 + 4;
        let date_at = 8 + ifd0_len;
        let date = format!("{}\0", taken.unwrap_or("0000:00:00 00:00:00"));
        let exif_at = date_at + date.len();
        let exif_len = 2 + 12 + 4;
        let gps_at = exif_at + exif_len;
        out.extend(u16b(entries as u16));
        out.extend(entry(DATE_TIME, ASCII, date.len() as u32, u32b(date_at as u32)));
        out.extend(entry(EXIF_IFD, LONG, 1, u32b(exif_at as u32)));
        if gps.is_some() {
            out.extend(entry(GPS_IFD, LONG, 1, u32b(gps_at as u32)));
        }
        out.extend(u32b(0));
        out.extend(date.as_bytes());
        out.extend(u16b(1));
        out.extend(entry(DATE_TIME_ORIGINAL, ASCII, date.len() as u32, u32b(date_at as u32)));
        out.extend(u32b(0));
        if let Some(((ld, lm, ls), lat_ref, (od, om, os), lon_ref)) = gps {
            let gps_len = 2 + 4 * 12 + 4;
            let lat_at = gps_at + gps_len;
            out.extend(u16b(4));
            out.extend(entry(GPS_LATITUDE_REF, ASCII, 2, format!("{lat_ref}\0").into_bytes()));
            out.extend(entry(GPS_LATITUDE, RATIONAL, 3, u32b(lat_at as u32)));
            out.extend(entry(GPS_LONGITUDE_REF, ASCII, 2, format!("{lon_ref}\0").into_bytes()));
            out.extend(entry(GPS_LONGITUDE, RATIONAL, 3, u32b(lat_at as u32 + 24)));
            out.extend(u32b(0));
            // Seconds in hundredths, as phones write them.
            for (n, d) in [(ld, 1), (lm, 1), (ls, 100), (od, 1), (om, 1), (os, 100)] {
                out.extend(u32b(n));
                out.extend(u32b(d));
            }
        }
        out
    }

    /// A JPEG holding `tiff` in an APP1 segment (after an APP0), with a token image segment.
    pub fn jpeg(tiff: &[u8]) -> Vec<u8> {
        let mut out = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
        out.extend(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
        let len = (tiff.len() + 8) as u16;
        out.extend([0xFF, 0xE1]);
        out.extend(len.to_be_bytes());
        out.extend(b"Exif\0\0");
        out.extend(tiff);
        out.extend([0xFF, 0xDA, 0x00, 0x02, 0x12, 0x34, 0xFF, 0xD9]);
        out
    }

    const EDINBURGH: Gps = ((55, 57, 1080), "N", (3, 11, 1620), "W");

    #[test]
    fn reads_gps_and_date_from_a_jpeg() {
        for little_endian in [true, false] {
            let meta = read(&jpeg(&tiff(little_endian, Some("2024:05:01 14:03:22"), Some(EDINBURGH))));
            let gps = meta.gps.expect("gps");
            assert!((gps.lat - 55.953).abs() < 0.001 && (gps.lon + 3.1878).abs() < 0.001, "{gps:?}");
            assert_eq!(gps.plain(), "55.953° N, 3.188° W");
            assert_eq!(meta.taken.as_deref(), Some("2024-05-01T14:03:22"));
        }
    }

    #[test]
    fn a_jpeg_without_gps_has_only_its_date() {
        let meta = read(&jpeg(&tiff(true, Some("2023:12:24 09:00:00"), None)));
        assert_eq!(meta, PhotoMetadata { gps: None, taken: Some("2023-12-24T09:00:00".into()) });
    }

    #[test]
    fn southern_and_eastern_hemispheres_are_signed() {
        let meta = read(&jpeg(&tiff(true, None, Some(((33, 52, 0), "S", (151, 12, 0), "E")))));
        let gps = meta.gps.expect("gps");
        assert!(gps.lat < -33.8 && gps.lon > 151.1);
        assert_eq!(meta.taken, None, "a blank camera date is no date");
    }

    /// The photos the command-line and browser tests attach are what this writer makes.
    #[test]
    fn test_photos_are_what_the_writer_makes() {
        let taken = Some("2024:05:01 14:03:22");
        assert_eq!(&include_bytes!("../../../tests/fixtures/photo-with-gps.jpg")[..], jpeg(&tiff(true, taken, Some(EDINBURGH))));
        assert_eq!(&include_bytes!("../../../tests/fixtures/photo-without-gps.jpg")[..], jpeg(&tiff(true, taken, None)));
    }

    #[test]
    fn files_without_metadata_and_broken_files_give_nothing() {
        assert_eq!(read(b""), PhotoMetadata::default());
        assert_eq!(read(b"GIF89a"), PhotoMetadata::default());
        assert_eq!(read(b"\x89PNG\r\n\x1a\n"), PhotoMetadata::default());
        assert_eq!(read(&[0xFF, 0xD8, 0xFF, 0xDA, 0, 2, 0xFF, 0xD9]), PhotoMetadata::default());
        let whole = jpeg(&tiff(true, Some("2024:05:01 14:03:22"), Some(EDINBURGH)));
        // Every truncation and every single-byte corruption is read without panicking.
        for end in 0..whole.len() {
            read(&whole[..end]);
        }
        for i in 0..whole.len() {
            let mut bad = whole.clone();
            bad[i] ^= 0xFF;
            read(&bad);
        }
    }
}
