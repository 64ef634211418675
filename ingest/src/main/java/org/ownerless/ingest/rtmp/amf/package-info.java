/**
 * AMF0, the serialisation RTMP uses for command messages ({@code connect}, {@code publish}, ...)
 * and data messages ({@code @setDataFrame}/{@code onMetaData}). Written from the Adobe AMF0
 * specification; only the subset publishers actually send is decoded, everything else is refused
 * with an {@link org.ownerless.ingest.rtmp.amf.Amf0Exception}.
 */
package org.ownerless.ingest.rtmp.amf;
