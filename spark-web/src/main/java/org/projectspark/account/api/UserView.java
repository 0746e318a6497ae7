package org.projectspark.account.api;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.projectspark.account.domain.Role;
import org.projectspark.account.domain.User;

import java.util.List;

/** A user as the API shows them to themselves and to admins. */
@JsonbPropertyOrder({"id", "username", "email", "displayName", "locale", "timeZone", "roles", "xpPoints", "level", "schoolId", "hideNameOnGlobalBoards"})
public record UserView(String id, String username, String email, String displayName, String locale, String timeZone,
                       List<String> roles, long xpPoints, int level, String schoolId,
                       boolean hideNameOnGlobalBoards) {

    public static UserView of(User user) {
        return new UserView(user.id().toString(), user.username(), user.email().orElse(null),
                user.profile().displayName(), user.profile().locale(), user.profile().zone().getId(),
                user.roles().stream().map(Role::name).sorted().toList(),
                user.profile().xpPoints(), user.profile().level(),
                user.profile().schoolId().map(Object::toString).orElse(null), user.profile().nameHiddenOnGlobalBoards());
    }
}
