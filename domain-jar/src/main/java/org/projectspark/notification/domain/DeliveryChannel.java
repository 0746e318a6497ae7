package org.projectspark.notification.domain;

/** Ways a notification leaves the platform besides the in-app list (which every notification goes to). */
public enum DeliveryChannel {
    EMAIL,
    SMS
}
