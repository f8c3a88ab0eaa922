package io.ticketing.platform.domain.order;



/**
 * The durable inbox of payment callbacks: every one recorded, the first verified delivery of an event claims it.
 */
public interface CallbackInbox {

    /** Records a callback; false when a verified first delivery of the same event was recorded before (a replay). */
    boolean record(String provider, String eventId, String paymentRef, boolean signatureOk, boolean replay,
            String payloadSha256, String outcome);

    void setOutcome(String provider, String eventId, String outcome);
}
