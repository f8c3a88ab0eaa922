package io.ticketing.storefront.shop;

import jakarta.faces.FacesException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;

/**
 * A form sent from a page the server no longer remembers (the session ran out, or another node
 * answered) is not an error page: nothing was done, the buyer is sent back to the same address
 * and told to try again. Registered in faces-config.xml.
 */
public class ExpiredPages extends ExceptionHandlerFactory {

    public ExpiredPages(ExceptionHandlerFactory wrapped) {
        super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return new Handler(getWrapped().getExceptionHandler());
    }

    private static final class Handler extends ExceptionHandlerWrapper {

        Handler(ExceptionHandler wrapped) {
            super(wrapped);
        }

        @Override
        public void handle() throws FacesException {
            Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
            while (events.hasNext()) {
                Throwable thrown = events.next().getContext().getException();
                if (thrown instanceof ViewExpiredException) {
                    events.remove();
                    FacesContext faces = FacesContext.getCurrentInstance();
                    HttpServletRequest request = (HttpServletRequest) faces.getExternalContext().getRequest();
                    // The address the browser used (/t/{slug}/events/7), not the view it was forwarded to.
                    Object original = request.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI);
                    String back = original != null ? original.toString() : request.getRequestURI();
                    ShopMessages.error(new Formats(faces.getApplication().getViewHandler().calculateLocale(faces)), "problem.pageExpired");
                    try {
                        faces.getExternalContext().redirect(back);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    faces.responseComplete();
                }
            }
            getWrapped().handle();
        }
    }
}
